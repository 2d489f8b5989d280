// Debian's Chromium driven by playwright-core, with axe-core checks and a screenshot when a journey fails.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function openBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'tp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
    viewport: { width: 1280, height: 900 },
    timezoneId: 'Europe/Berlin',
    // Bootstrap then drops its 150 ms colour transitions: an accessibility check must see a button's colours, not a
    // mix of two states halfway through a hover (which failed colour contrast once on a busy machine)
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const screenshotDir = path.join(__dirname, '..', '..', 'test-results');

/** Runs a journey; if it fails, the page is saved as test-results/<name>.png before the error goes on. */
export async function withScreenshotOnFailure(page: Page, name: string, journey: () => Promise<void>): Promise<void> {
  try {
    await journey();
  } catch (err) {
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, `${name.replace(/\W+/g, '-')}.png`), fullPage: true }).catch(() => undefined);
    throw err;
  }
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

let axeScript: string | undefined;
const axeSource = () => (axeScript ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

/** Accessibility violations of any impact on the page as it is now (axe-core: WCAG 2.x A and AA, and best practice). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's CSP (no inline script) rightly refuses a <script> tag.
  await page.evaluate(axeSource());
  const violations = await page.evaluate(
    async (options) => {
      // runs in the page, where axe-core was just added
      const page = globalThis as unknown as {
        axe: { run: (context: unknown, o: object) => Promise<{ violations: AxeViolation[] }> };
        document: unknown;
      };
      return (await page.axe.run(page.document, options)).violations;
    },
    { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } },
  );
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

let bootstrapLiteral: string | undefined;
/** Bootstrap's full stylesheet as a JavaScript string literal, read and quoted once for every page state checked. */
const bootstrapCss = () =>
  (bootstrapLiteral ??= JSON.stringify(readFileSync(require.resolve('bootstrap/dist/css/bootstrap.min.css'), 'utf8')));

/**
 * The rules of Bootstrap's full stylesheet that apply to an element on the page (in any state: hover, focus and the
 * like set aside) but are not in the page's stylesheets: rules the build dropped as unused (build/lean-bootstrap.ts)
 * that the page needs after all. Each is given by its selector.
 */
export async function droppedRules(page: Page): Promise<string[]> {
  // plain JavaScript run in the page, as the tests' TypeScript knows no DOM
  return page.evaluate<string[]>(`((fullSource) => {
    const selectors = (sheets) => {
      const found = [];
      const read = (rules) => {
        for (const rule of rules) {
          // a list's members one by one: the build may keep some of them
          if (rule instanceof CSSStyleRule) found.push(...rule.selectorText.split(/,(?![^(]*\\))/).map((one) => one.trim()));
          if ('cssRules' in rule) read(rule.cssRules);
        }
      };
      for (const sheet of sheets) read(sheet.cssRules);
      return found;
    };
    const full = new CSSStyleSheet();
    full.replaceSync(fullSource);
    const shipped = new Set(selectors(document.styleSheets));
    // the minifier folds vendor-prefixed forms (::-webkit-file-upload-button) into the standard ones, unused or not
    const vendorPrefixed = /::?-(webkit|moz|ms)-/;
    const applies = (selector) => {
      const anyState = selector.replace(/::?[a-z-]+(\\((?:[^()]|\\([^()]*\\))*\\))?/g, '');
      try {
        return anyState.trim() !== '' && document.querySelector(anyState) !== null;
      } catch {
        return false;
      }
    };
    const dropped = selectors([full]).filter((selector) => !shipped.has(selector) && !vendorPrefixed.test(selector) && applies(selector));
    return [...new Set(dropped)].sort();
  })(${bootstrapCss()})`);
}
