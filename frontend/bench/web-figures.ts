// The web app's figures: the JavaScript a first visit loads and each route's own chunk (gzip), and Lighthouse 12
// (desktop and mobile presets, Debian Chromium) on the home page, tutor search, a tutor page and, signed in, My
// sessions, served by the real local stack, beside a bare static page measured in the same run.
// Run with `npm run bench:web`.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startFreshStack } from '@tutoring-platform/local-stack/testing';

const dist = path.join(__dirname, '..', 'dist');

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  src?: string;
}

const gzipKb = (file: string) => gzipSync(readFileSync(path.join(dist, file))).length / 1024;

function bundleFigures() {
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const dep of manifest[key]?.imports ?? []) closure(dep, seen);
    return seen;
  };
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const initial = closure(entry);
  const initialKb = [...initial].reduce((sum, key) => sum + gzipKb(manifest[key]!.file), 0);
  console.log(`initial JS (entry and its static imports, gzip): ${initialKb.toFixed(1)} KB (budget 150 KB)`);
  const routes = Object.entries(manifest)
    .filter(([, chunk]) => chunk.isDynamicEntry)
    .map(([key, chunk]) => {
      const own = [...closure(key)].filter((k) => !initial.has(k));
      return { route: chunk.src ?? key, kb: own.reduce((sum, k) => sum + gzipKb(manifest[k]!.file), 0) };
    })
    .sort((a, b) => b.kb - a.kb);
  console.log('route chunks (the page and the shared chunks it adds, gzip):');
  for (const r of routes) console.log(`  ${r.route.replace(/^src\//, '').padEnd(60)} ${r.kb.toFixed(1).padStart(6)} KB`);
}

interface Audited {
  name: string;
  url: string;
  /** Keep the browser's cookies and storage: the page is measured as the person signed in before it. */
  signedIn?: boolean;
}

const categories = ['performance', 'accessibility', 'best-practices', 'seo'];

/** Signs a demo person in through the login page, in the browser Lighthouse then drives. */
async function signIn(port: number, gateway: string) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const page = await browser.contexts()[0]!.newPage();
  await page.goto(`${gateway}/login`);
  await page.getByLabel('Email').fill('leo@demo.local');
  await page.getByLabel('Password').fill('leo-demo-pass-2026');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  await page.close();
  await browser.close();
}

async function lighthouseFigures(pages: Audited[], gateway: string) {
  const { default: lighthouse } = await import('lighthouse');
  const { default: desktopConfig } = await import('lighthouse/core/config/desktop-config.js');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  try {
    for (const [preset, config] of [
      ['desktop', desktopConfig],
      ['mobile (simulated slow 4G, 4x CPU slowdown)', undefined],
    ] as const) {
      console.log(`Lighthouse 12, ${preset} (performance / accessibility / best practices / SEO, 0-100; FCP, LCP, TBT ms):`);
      for (const audited of pages) {
        if (audited.signedIn) await signIn(chrome.port, gateway);
        const result = await lighthouse(
          audited.url,
          { port: chrome.port, logLevel: 'error', onlyCategories: categories, disableStorageReset: Boolean(audited.signedIn) },
          config,
        );
        const lhr = result!.lhr;
        const score = (id: string) => String(Math.round((lhr.categories[id]?.score ?? 0) * 100)).padStart(3);
        const ms = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
        const failing = categories.flatMap((id) =>
          (lhr.categories[id]?.auditRefs ?? [])
            .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
            .map((ref) => ref.id),
        );
        const cls = (lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN).toFixed(3);
        // a signed-in page that bounced to the login page measured the wrong thing: say where it ended
        const ended = lhr.finalDisplayedUrl === audited.url ? '' : `   ended at ${lhr.finalDisplayedUrl}`;
        console.log(
          `  ${audited.name.padEnd(42)} ${categories.map(score).join(' / ')}   FCP ${ms('first-contentful-paint')}  LCP ${ms('largest-contentful-paint')}  TBT ${ms('total-blocking-time')}  CLS ${cls}${ended}${failing.length ? `   below full marks: ${failing.join(', ')}` : ''}`,
        );
      }
    }
  } finally {
    chrome.kill();
  }
}

async function main() {
  bundleFigures();
  const stack = await startFreshStack({ WEB_ROOT: dist });
  // the baseline: a bare static page from node:http on the same machine
  const bare = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      '<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width"><title>Bare</title></head><body><h1>Bare page</h1></body></html>',
    );
  }).listen(0, '127.0.0.1');
  await new Promise((r) => bare.once('listening', r));
  try {
    const login = await fetch(`${stack.gateway}/api/users/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'maya@demo.local', password: 'maya-demo-pass-2026' }),
    });
    const maya = ((await login.json()) as { user: { id: string } }).user.id;
    await lighthouseFigures(
      [
        { name: 'baseline: bare static page (node:http)', url: `http://127.0.0.1:${(bare.address() as AddressInfo).port}/` },
        { name: 'home /', url: `${stack.gateway}/` },
        { name: 'tutor search /tutors?q=programming', url: `${stack.gateway}/tutors?q=programming` },
        { name: 'tutor page /tutors/:id (demo tutor)', url: `${stack.gateway}/tutors/${maya}` },
        { name: 'my sessions /sessions (signed in)', url: `${stack.gateway}/sessions`, signedIn: true },
      ],
      stack.gateway,
    );
  } finally {
    bare.close();
    await stack.stop();
  }
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
