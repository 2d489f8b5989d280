// Lighthouse 12 on Debian's Chromium, shared by the web benches: one browser, the desktop or mobile preset, and a
// demo person signed in through the login page when a page is measured as them.
import type { Flags } from 'lighthouse';

export const categories = ['performance', 'accessibility', 'best-practices', 'seo'];

export type Preset = 'desktop' | 'mobile';

export interface Audit {
  /** 0-100 per category, in the order of `categories`. */
  scores: number[];
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  finalUrl: string;
  /** Weighted audits below full marks. */
  failing: string[];
  /** Why Lighthouse could not measure the page, when it could not (its scores are then NaN). */
  error?: string;
}

export async function launchLighthouse() {
  const { default: lighthouse } = await import('lighthouse');
  const { default: desktopConfig } = await import('lighthouse/core/config/desktop-config.js');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });

  /** Signs a demo person in through the login page, in the browser Lighthouse drives. */
  async function signIn(origin: string) {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
    const page = await browser.contexts()[0]!.newPage();
    await page.goto(`${origin}/login`);
    await page.getByLabel('Email').fill('leo@demo.local');
    await page.getByLabel('Password').fill('leo-demo-pass-2026');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.close();
    await browser.close();
  }

  /** One Lighthouse run. Signed in, the browser keeps its cookies and storage, so the page is measured as that person. */
  async function audit(url: string, preset: Preset, options: { signedIn?: boolean; onlyPerformance?: boolean } = {}): Promise<Audit> {
    if (options.signedIn) await signIn(new URL(url).origin);
    const flags: Flags = {
      port: chrome.port,
      logLevel: 'error',
      onlyCategories: options.onlyPerformance ? ['performance'] : categories,
      disableStorageReset: Boolean(options.signedIn),
    };
    const result = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
    const lhr = result!.lhr;
    const ms = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
    return {
      scores: categories.map((id) => Math.round((lhr.categories[id]?.score ?? NaN) * 100)),
      fcp: ms('first-contentful-paint'),
      lcp: ms('largest-contentful-paint'),
      tbt: ms('total-blocking-time'),
      cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
      finalUrl: lhr.finalDisplayedUrl,
      error: lhr.runtimeError?.code,
      failing: Object.values(lhr.categories).flatMap((category) =>
        category.auditRefs.filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1).map((ref) => ref.id),
      ),
    };
  }

  return { audit, close: () => chrome.kill() };
}
