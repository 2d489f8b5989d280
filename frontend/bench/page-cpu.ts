// Main-thread time a page costs the browser, for two builds of the web app side by side on the same running stack:
// `node --import tsx frontend/bench/page-cpu.ts <baseline dist> <candidate dist>`. Each build gets its own gateway
// in front of the same services, and the two are loaded in turn, so machine noise falls on both alike. Prints the
// median script and task time (Chromium's Performance metrics) per page load of the tutor page and tutor search.
import { chromium, type Page } from 'playwright-core';
import { startFreshStack } from '@tutoring-platform/local-stack/testing';
import { demoTutorId, median, serveBuilds, runBench } from './builds';

const LOADS = 15;

async function metrics(page: Page, url: string): Promise<{ script: number; task: number }> {
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
  return { script: (after.ScriptDuration! - before.ScriptDuration!) * 1000, task: (after.TaskDuration! - before.TaskDuration!) * 1000 };
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
      const samples = new Map(builds.map((b) => [b.name, { script: [] as number[], task: [] as number[] }]));
      for (let i = 0; i < LOADS + 1; i++) {
        for (const build of builds) {
          const page = await browser.newPage();
          const m = await metrics(page, `${build.origin}${path}`);
          await page.close();
          if (i === 0) continue; // the first load of each warms the server and the disk cache
          samples.get(build.name)!.script.push(m.script);
          samples.get(build.name)!.task.push(m.task);
        }
      }
      for (const [name, s] of samples) {
        console.log(
          `  ${path.padEnd(48)} ${name.padEnd(9)} script ${median(s.script).toFixed(0).padStart(4)}  task ${median(s.task).toFixed(0).padStart(4)}`,
        );
      }
    }
  } finally {
    await browser.close();
    await served.stop();
    await stack.stop();
  }
}

runBench(main);
