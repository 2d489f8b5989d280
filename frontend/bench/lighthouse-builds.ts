// Lighthouse 12 mobile (simulated slow 4G, 4x CPU slowdown) for two builds of the web app on the same running stack:
// `npm run bench:lighthouse-builds -- <baseline dist> <candidate dist> [runs] [--baseline-without-first-reads]
// [--only=<page>]`. The builds are measured in turn, page by page, and the medians printed side by side: single mobile
// runs on a 2-core machine move by 5 to 15 points, so one run of each says little. With the first flag, the baseline's
// pages name only their code, not the answers they show first, as before the web server named those. `--only=sessions`
// measures only the pages whose name holds that word.
import { startFreshStack } from '@tutoring-platform/local-stack/testing';
import { demoTutorId, median, serveBuilds, runBench } from './builds';
import { launchLighthouse, type Audit } from './lighthouse';

async function main(): Promise<void> {
  const flag = '--baseline-without-first-reads';
  const args = process.argv.slice(2);
  const [baselineDir, candidateDir, runsArg] = args.filter((arg) => !arg.startsWith('--'));
  const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length) ?? '';
  if (!baselineDir || !candidateDir)
    throw new Error(`usage: lighthouse-builds.ts <baseline dist> <candidate dist> [runs] [${flag}] [--only=<page>]`);
  const runs = Number(runsArg ?? 5);
  const stack = await startFreshStack({ WEB_ROOT: candidateDir });
  const tutorId = await demoTutorId(stack.gateway);
  const served = await serveBuilds(stack.gateway, [
    { name: 'baseline', dir: baselineDir, namesFirstReads: !args.includes(flag) },
    { name: 'candidate', dir: candidateDir },
  ]);
  const lighthouse = await launchLighthouse();
  try {
    const pages = [
      { name: 'home', path: '/' },
      { name: 'tutor search', path: '/tutors?q=programming' },
      { name: 'tutor page', path: `/tutors/${tutorId}` },
      { name: 'my sessions (signed in)', path: '/sessions', signedIn: true },
    ].filter((page) => page.name.includes(only));
    console.log(`Lighthouse 12 mobile, median of ${runs} runs per build (builds in turn): performance, FCP, LCP, TBT ms, CLS`);
    for (const page of pages) {
      const audits = new Map(served.builds.map((build) => [build.name, [] as Audit[]]));
      for (let run = 0; run < runs; run++) {
        for (const build of served.builds) {
          const audit = await lighthouse.audit(`${build.origin}${page.path}`, 'mobile', { signedIn: page.signedIn, onlyPerformance: true });
          if (audit.finalUrl !== `${build.origin}${page.path}`) throw new Error(`${page.path} ended at ${audit.finalUrl}`);
          audits.get(build.name)!.push(audit);
        }
      }
      for (const [name, all] of audits) {
        // a run Lighthouse could not measure is counted, not averaged in
        const list = all.filter((a) => Number.isFinite(a.scores[0]));
        const failed = all.filter((a) => !list.includes(a)).map((a) => a.error ?? 'no score');
        const scores = list.map((a) => a.scores[0]!);
        console.log(
          `  ${page.name.padEnd(24)} ${name.padEnd(9)} performance ${String(median(scores)).padStart(3)} (${Math.min(...scores)}-${Math.max(...scores)})` +
            `  FCP ${median(list.map((a) => a.fcp))}  LCP ${median(list.map((a) => a.lcp))}  TBT ${median(list.map((a) => a.tbt))}` +
            `  CLS ${median(list.map((a) => a.cls)).toFixed(3)}${failed.length ? `  not measured: ${failed.join(', ')}` : ''}`,
        );
      }
    }
  } finally {
    lighthouse.close();
    await served.stop();
    await stack.stop();
  }
}

runBench(main);
