// `npm run rehearse:blue-green`: CodeDeploy's ECS blue/green cut-over rehearsed on a real Docker daemon with the
// platform's real images (docker compose), for the tutoring service behind a local load balancer with a prod and a
// test listener. Three releases, each under autocannon load through the prod listener for the whole cut-over:
//   good:          green is the same image with a changed variable; smoke test, 10 %, 100 %, blue drained by SIGTERM
//   not ready:     green's readiness never passes (wrong database); it must never get prod traffic
//   answers 500:   green built from the working tree with one route broken; the 5xx alarm must roll it back
// Prints figures; exits non-zero when a release does not end the way it must. Needs a Docker daemon (see .ci/run).
import { execFile } from 'node:child_process';
import http from 'node:http';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { services } from '@tutoring-platform/shared/catalog';
import { runSmokeJourney, passed } from '@tutoring-platform/infra/smoke-test';
import { smokeJourneys } from '@tutoring-platform/infra/smoke-journeys';
import { breakingChangesIn } from '@tutoring-platform/testing/migrations';
import { freePort } from '@tutoring-platform/testing';
import { compose, containerOf, repoRoot, untilHealthy } from '../containers/compose-project';
import { LoadBalancer, SIMULATED_CLIENT } from './load-balancer';

const run = promisify(execFile);
const docker = async (...args: string[]) => (await run('docker', args, { maxBuffer: 16 * 1024 * 1024 })).stdout.trim();
const service = services.tutoring;
// REHEARSAL_PROJECT reuses a compose project already up (and leaves it up): quicker rounds while changing a release.
const reused = process.env.REHEARSAL_PROJECT;
const project = reused ?? `tprehearsal${process.pid}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Green containers are not compose's: removed before `compose down` takes the network away. */
const greens: string[] = [];
let drainFailures = 0;

/** CodeDeploy's canary, shortened: 10 % for the canary window, then everything; the alarm reads a sliding window. */
const canary = { share: 0.1, windowMs: 20_000, bakeMs: 10_000 };
const alarm = { windowMs: 10_000, minRequests: 10, errorPercent: 5, everyMs: 250 };
const readinessLimitMs = 45_000;
/** The load: anonymous reads of the service under release, as students browse. */
const loadPaths = [`${service.pathPrefix}/courses`, `${service.pathPrefix}/tutors?q=math`];

interface Load {
  stop: () => Promise<autocannon.Result>;
}

function startLoad(url: string): Load {
  let instance: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url,
        connections: 8,
        duration: 3600,
        // students from 2,000 addresses, as the ALB would see them (one address alone meets the rate limit)
        requests: loadPaths.map((p) => ({
          path: p,
          setupRequest: (req: autocannon.Request) => ({
            ...req,
            headers: { ...req.headers, [SIMULATED_CLIENT]: `10.${(Math.random() * 8) | 0}.${(Math.random() * 250) | 0}.9` },
          }),
        })),
      },
      (err: Error | null, result: autocannon.Result) => (err ? reject(err) : resolve(result)),
    );
  });
  return {
    stop: () => {
      instance.stop();
      return finished;
    },
  };
}

/** autocannon counts a timeout among its errors too. */
const failedOf = (r: autocannon.Result) => r.non2xx + r.errors;

/** What the failed requests were, e.g. "500 x2, connection errors x1". */
function failuresOf(r: autocannon.Result): string {
  const statuses = Object.entries(r.statusCodeStats as Record<string, { count: number }>)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, { count }]) => `${code} x${count}`);
  if (r.errors - r.timeouts) statuses.push(`connection errors x${r.errors - r.timeouts}`);
  if (r.timeouts) statuses.push(`timeouts x${r.timeouts}`);
  return statuses.join(', ') || 'none';
}

interface Green {
  id: string;
  origin: string;
}

async function containerIp(id: string): Promise<string> {
  return docker('inspect', '--format', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', id);
}

/** A replacement task: the given image on the platform's network, with blue's settings and volumes plus `env`. */
async function startGreen(blueId: string, image: string, env: Record<string, string>, drop: string[] = []): Promise<Green> {
  const config = JSON.parse(await docker('inspect', blueId)) as [
    { Config: { Env: string[] }; NetworkSettings: { Networks: Record<string, unknown> }; Mounts: { Name?: string; Destination: string }[] },
  ];
  const [blue] = config;
  const network = Object.keys(blue.NetworkSettings.Networks)[0]!;
  const settings = blue.Config.Env.filter((e) => !drop.includes(e.split('=')[0]!) && !(e.split('=')[0]! in env));
  const args = ['run', '-d', '--name', `${project}-green-${Date.now()}`, '--network', network, '--read-only', '--tmpfs', '/tmp'];
  for (const mount of blue.Mounts) if (mount.Name) args.push('-v', `${mount.Name}:${mount.Destination}:ro`);
  for (const e of [...settings, ...Object.entries(env).map(([k, v]) => `${k}=${v}`)]) args.push('-e', e);
  const id = await docker(...args, image);
  greens.push(id);
  return { id, origin: `http://${await containerIp(id)}:${service.containerPort}` };
}

async function untilReady(origin: string): Promise<number | undefined> {
  const started = Date.now();
  while (Date.now() - started < readinessLimitMs) {
    const ok = await fetch(`${origin}${service.readyPath}`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return Date.now() - started;
    await sleep(250);
  }
  return undefined;
}

interface Outcome {
  release: string;
  result: 'released' | 'stopped before traffic' | 'rolled back';
  requests: number;
  failed: number;
  greenProdRequests: number;
  notes: string[];
}

/** One cut-over under load; `expectRollback` only changes what is printed, the alarm decides. */
async function release(name: string, lb: LoadBalancer, green: Green, drainBlue: () => Promise<string>): Promise<Outcome> {
  const notes: string[] = [];
  const load = startLoad(lb.prodUrl);
  const finish = async (result: Outcome['result']): Promise<Outcome> => {
    if (result !== 'released') lb.greenWeight = 0;
    const r = await load.stop();
    notes.push(`failed requests: ${failuresOf(r)}`);
    if (result !== 'released') {
      lb.green.origin = undefined;
      await docker('rm', '-f', green.id).catch(() => '');
    }
    return { release: name, result, requests: r.requests.total, failed: failedOf(r), greenProdRequests: lb.green.prodRequests, notes };
  };
  lb.green.reset();

  // Install: the replacement task starts (its migrations run now, while blue serves) and must pass readiness.
  const readyIn = await untilReady(green.origin);
  if (readyIn === undefined) {
    notes.push(`green not ready within ${seconds(readinessLimitMs)}: no test or prod traffic`);
    return finish('stopped before traffic');
  }
  notes.push(`green ready ${seconds(readyIn)} after start`);
  lb.green.origin = green.origin;

  // AfterAllowTestTraffic: the smoke journey on the test listener.
  const journey = smokeJourneys({ name: 'dev' })[`tutoring-platform-dev-${service.name}`]!;
  const account = { email: `rehearsal-smoke-${process.pid}@example.test`, password: 'rehearsal smoke passphrase 2026' };
  const steps = await runSmokeJourney(journey, account, { testOrigin: lb.testUrl, prodOrigin: lb.prodUrl, timeLimitMs: 30_000 });
  notes.push(`smoke test: ${steps.filter((s) => s.ok).length}/${steps.length} steps passed`);
  if (!passed(steps)) return finish('stopped before traffic');

  // Canary, then everything, with the alarm watching both target groups' 5xx over a sliding window.
  const watch = async (ms: number): Promise<number | undefined> => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      // the infrastructure's ErrorRate alarm: each target group's own 5xx ratio, judged from a minimum of requests
      for (const group of [lb.blue, lb.green]) {
        const { requests, errors } = group.window(alarm.windowMs);
        if (requests >= alarm.minRequests && (100 * errors) / requests > alarm.errorPercent) return Date.now();
      }
      await sleep(alarm.everyMs);
    }
    return undefined;
  };
  for (const [share, ms] of [
    [canary.share, canary.windowMs],
    [1, canary.bakeMs],
  ] as const) {
    lb.greenWeight = share;
    const alarmAt = await watch(ms);
    if (alarmAt !== undefined) {
      lb.greenWeight = 0;
      const rolledBackAt = Date.now();
      const firstError = lb.green.firstErrorAt ?? alarmAt;
      notes.push(
        `alarm at ${Math.round(share * 100)} %: rolled back ${seconds(rolledBackAt - firstError)} after green's first 5xx (alarm ${seconds(alarmAt - firstError)})`,
      );
      notes.push(`green answered ${lb.green.prodErrors} 5xx of ${lb.green.prodRequests} prod requests`);
      await sleep(2_000);
      return finish('rolled back');
    }
  }
  // Traffic is on green; blue gets SIGTERM and must finish what it has in flight.
  notes.push(await drainBlue());
  return finish('released');
}

/** The working tree copied with one route broken, built as the tutoring image: a release that answers 500. */
async function buildBrokenImage(): Promise<{ image: string; ms: number }> {
  const tree = mkdtempSync(path.join(os.tmpdir(), 'tp-broken-'));
  const files = (await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repoRoot })).stdout
    .split('\0')
    .filter(Boolean);
  for (const file of files) cpSync(path.join(repoRoot, file), path.join(tree, file), { recursive: true });
  cpSync(path.join(repoRoot, '.dockerignore'), path.join(tree, '.dockerignore'));
  const router = path.join(tree, 'services/tutoring/src/http/tutors-router.ts');
  const source = readFileSync(router, 'utf8');
  const searchHandler = '    handle: async ({ query }) => {\n';
  if (!source.includes(searchHandler)) throw new Error('the tutor search handler moved: update the rehearsal');
  writeFileSync(
    router,
    source.replace(searchHandler, `${searchHandler}      if (Date.now() > 0) throw new Error('rehearsal: a broken release');\n`),
  );
  const image = 'tutoring-platform/tutoring:rehearsal-broken';
  const started = Date.now();
  await run('docker', ['build', '-q', '-f', 'services/tutoring/Dockerfile', '-t', image, '.'], { cwd: tree, maxBuffer: 64 * 1024 * 1024 });
  rmSync(tree, { recursive: true, force: true });
  return { image, ms: Date.now() - started };
}

async function main(): Promise<void> {
  const outcomes: Outcome[] = [];
  const gatewayPort = reused ? Number(process.env.GATEWAY_PORT ?? 8080) : await freePort();
  const started = Date.now();
  await compose(project, ['up', '-d', '--build'], { GATEWAY_PORT: String(gatewayPort) });
  try {
    await untilHealthy(project, ['users', 'tutoring', 'groups', 'web', 'gateway']);
    console.error(`platform up in ${seconds(Date.now() - started)}`);
    const blueId = await containerOf(project, service.name);
    const blueImage = await docker('inspect', '--format', '{{.Config.Image}}', blueId);
    const lb = new LoadBalancer({
      pathPrefix: service.pathPrefix,
      blue: `http://${await containerIp(blueId)}:${service.containerPort}`,
      rest: `http://127.0.0.1:${gatewayPort}`,
    });
    await lb.listen();

    const migrationProblems = await breakingChangesIn(path.join(repoRoot, service.workspace, 'migrations'));
    console.error(`green's migrations: ${migrationProblems.length} breaking change(s)`);
    if (migrationProblems.length) throw new Error(JSON.stringify(migrationProblems));

    const noDrain = async () => 'blue kept';
    outcomes.push(
      await release(
        'not ready',
        lb,
        await startGreen(blueId, blueImage, { DATABASE_URL: 'postgres://tutoring_service:wrong@postgres:5432/platform' }, [
          'DATABASE_URL_FILE',
        ]),
        noDrain,
      ),
    );
    const broken = await buildBrokenImage();
    console.error(`broken release image built in ${seconds(broken.ms)}`);
    outcomes.push(await release('answers 500', lb, await startGreen(blueId, broken.image, { RELEASE: 'broken' }), noDrain));
    outcomes.push(
      await release('good', lb, await startGreen(blueId, blueImage, { RELEASE: 'green' }), async () => {
        // Requests still on blue when it is told to stop (the ALB's deregistration delay lets them finish): a burst
        // straight at blue, each fully sent on its own connection, then SIGTERM. docker stop: SIGKILL only after the
        // grace period, as ECS stops a task.
        const blueIp = await containerIp(blueId);
        const sent: Promise<void>[] = [];
        const burst = Array.from({ length: 40 }, (_, i) => {
          let markSent = () => undefined as void;
          sent.push(new Promise<void>((resolve) => (markSent = resolve)));
          return new Promise<number | string>((resolve) => {
            const req = http.get(
              {
                host: blueIp,
                port: service.containerPort,
                path: `${service.pathPrefix}/tutors?q=tutor${i}`,
                agent: false,
                headers: { 'x-forwarded-for': `10.9.0.${i}` },
              },
              (res) => {
                res.resume();
                res.on('end', () => resolve(res.statusCode ?? 0));
              },
            );
            req.on('finish', markSent);
            req.on('error', (err: NodeJS.ErrnoException) => {
              markSent();
              resolve(err.code ?? err.message);
            });
          });
        });
        await Promise.all(sent);
        const sigterm = Date.now();
        const stopped = docker('stop', '--time', '30', blueId);
        const answers = await Promise.all(burst);
        await stopped;
        const failed = answers.filter((a) => a !== 200);
        drainFailures = failed.length;
        return `blue stopped ${seconds(Date.now() - sigterm)} after SIGTERM; of ${answers.length} requests in flight ${failed.length} failed${failed.length ? ` (${[...new Set(failed)].join(', ')})` : ''}`;
      }),
    );
    await lb.close();
  } finally {
    for (const id of greens) await docker('rm', '-f', id).catch(() => '');
    if (!reused) await compose(project, ['down', '-v', '--remove-orphans']).catch((err: unknown) => console.error(err));
  }

  console.log('\nrelease        result                   prod requests  failed  to green');
  for (const o of outcomes) {
    console.log(
      `${o.release.padEnd(14)} ${o.result.padEnd(24)} ${String(o.requests).padStart(13)}  ${String(o.failed).padStart(6)}  ${String(o.greenProdRequests).padStart(8)}`,
    );
    for (const note of o.notes) console.log(`               ${note}`);
  }
  const expected: Record<string, Outcome['result']> = {
    'not ready': 'stopped before traffic',
    'answers 500': 'rolled back',
    good: 'released',
  };
  const wrong = outcomes.filter((o) => expected[o.release] !== o.result);
  const good = outcomes.find((o) => o.release === 'good');
  const notReady = outcomes.find((o) => o.release === 'not ready');
  if (wrong.length || good?.failed !== 0 || notReady?.greenProdRequests !== 0 || drainFailures !== 0) {
    console.error('the rehearsal did not end as a safe release must');
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
