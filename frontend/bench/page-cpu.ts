// Main-thread time a page costs the browser, for two builds of the web app side by side on the same running stack:
// `node --import tsx frontend/bench/page-cpu.ts <baseline dist> <candidate dist>`. Each build gets its own gateway
// in front of the same services, and the two are loaded in turn, so machine noise falls on both alike. Prints the
// median script, style, layout and task time (Chromium's Performance metrics) per page load of the tutor page and
// tutor search. Style and layout are what the stylesheet's size costs: every rule is matched on each change.
import { chromium, type Page } from 'playwright-core';
import { startFreshStack } from '@tutoring-platform/local-stack/testing';
import { demoTutorId, median, serveBuilds, runBench } from './builds';

const LOADS = 15;

const measured = { script: 'ScriptDuration', style: 'RecalcStyleDuration', layout: 'LayoutDuration', task: 'TaskDuration' };
type Measure = keyof typeof measured;

async function metrics(page: Page, url: string): Promise<Record<Measure, number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () =>
    Object.fromEntries(
      ((await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }).metrics.map((m) => [
        m.name,
        m.value,
      ]),
    );
  const before = await read();
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  const after = await read();
  await cdp.detach();
  const spent = (metric: string) => (after[metric]! - before[metric]!) * 1000;
  return Object.fromEntries(Object.entries(measured).map(([measure, metric]) => [measure, spent(metric)])) as Record<Measure, number>;
}

async function main(): Promise<void> {
  const [baselineDir, candidateDir] = process.argv.slice(2);
  if (!baselineDir || !candidateDir) throw new Error('usage: page-cpu.ts <baseline dist> <candidate dist>');
  const stack = await startFreshStack({ WEB_ROOT: candidateDir });
  const tutorId = await demoTutorId(stack.gateway);
  const served = await serveBuilds(stack.gateway, [
    { name: 'baseline', dir: baselineDir },
    { name: 'candidate', dir: candidateDir },
  ]);
  const builds = served.builds;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    console.log(`main-thread ms per load, median of ${LOADS} (each build loaded in turn, fresh page each time)`);
    for (const path of [`/tutors/${tutorId}`, '/tutors?q=programming']) {
      const samples = new Map(builds.map((b) => [b.name, [] as Array<Record<Measure, number>>]));
      for (let i = 0; i < LOADS + 1; i++) {
        for (const build of builds) {
          const page = await browser.newPage();
          const m = await metrics(page, `${build.origin}${path}`);
          await page.close();
          if (i === 0) continue; // the first load of each warms the server and the disk cache
          samples.get(build.name)!.push(m);
        }
      }
      for (const [name, s] of samples) {
        const figures = (Object.keys(measured) as Measure[]).map(
          (measure) =>
            `${measure} ${median(s.map((m) => m[measure]))
              .toFixed(0)
              .padStart(4)}`,
        );
        console.log(`  ${path.padEnd(48)} ${name.padEnd(9)} ${figures.join('  ')}`);
      }
    }
  } finally {
    await browser.close();
    await served.stop();
    await stack.stop();
  }
}

runBench(main);
