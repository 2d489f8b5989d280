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
import { demoTutorId, runBench } from './builds';
import { launchLighthouse } from './lighthouse';

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
  /** Measured as a demo person signed in before it. */
  signedIn?: boolean;
}

async function lighthouseFigures(pages: Audited[]) {
  const lighthouse = await launchLighthouse();
  try {
    for (const [preset, label] of [
      ['desktop', 'desktop'],
      ['mobile', 'mobile (simulated slow 4G, 4x CPU slowdown)'],
    ] as const) {
      console.log(`Lighthouse 12, ${label} (performance / accessibility / best practices / SEO, 0-100; FCP, LCP, TBT ms):`);
      for (const audited of pages) {
        const a = await lighthouse.audit(audited.url, preset, { signedIn: audited.signedIn });
        // a signed-in page that bounced to the login page measured the wrong thing: say where it ended
        const ended = a.finalUrl === audited.url ? '' : `   ended at ${a.finalUrl}`;
        console.log(
          `  ${audited.name.padEnd(42)} ${a.scores.map((score) => String(score).padStart(3)).join(' / ')}   FCP ${a.fcp}  LCP ${a.lcp}  TBT ${a.tbt}  CLS ${a.cls.toFixed(3)}${ended}${a.failing.length ? `   below full marks: ${a.failing.join(', ')}` : ''}`,
        );
      }
    }
  } finally {
    lighthouse.close();
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
    const maya = await demoTutorId(stack.gateway);
    await lighthouseFigures([
      { name: 'baseline: bare static page (node:http)', url: `http://127.0.0.1:${(bare.address() as AddressInfo).port}/` },
      { name: 'home /', url: `${stack.gateway}/` },
      { name: 'tutor search /tutors?q=programming', url: `${stack.gateway}/tutors?q=programming` },
      { name: 'tutor page /tutors/:id (demo tutor)', url: `${stack.gateway}/tutors/${maya}` },
      { name: 'my sessions /sessions (signed in)', url: `${stack.gateway}/sessions`, signedIn: true },
    ]);
  } finally {
    bare.close();
    await stack.stop();
  }
}

runBench(main);
