// Prints the container figures (numbers only, not a test): each image's size beside its base image, build time
// cold and cached, compose up to all healthy, each container's start to ready, idle memory per container.
// `npm run bench:containers` (needs a Docker daemon; .ci/stand-in-images provides the base images here).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { apiServices, releasedDeployables } from '@tutoring-platform/shared/catalog';
import { freePort } from '@tutoring-platform/testing';
import { compose, containerOf, untilHealthy } from './compose-project';

const run = promisify(execFile);
const project = `tpfigures${process.pid}`;
const baseImage = 'node:22-bookworm-slim';
const appImages = [...releasedDeployables.map((d) => d.name), 'provision'].map((name) => `tutoring-platform/${name}:local`);
const appContainers = [...apiServices.map((s) => s.name), 'web', 'gateway'];

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function timed(what: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await what();
  return performance.now() - started;
}

async function imageSize(image: string): Promise<number> {
  return Number((await run('docker', ['image', 'inspect', '--format', '{{.Size}}', image])).stdout.trim());
}

/** From the container's start to its first "ready"/"listening" log line, by the clocks docker and pino record. */
async function startToReady(service: string): Promise<number> {
  const id = await containerOf(project, service);
  const startedAt = Date.parse((await run('docker', ['inspect', '--format', '{{.State.StartedAt}}', id])).stdout.trim());
  const { stdout } = await run('docker', ['logs', '--since', new Date(startedAt - 1000).toISOString(), id]);
  for (const line of stdout.split('\n')) {
    try {
      const entry = JSON.parse(line) as { msg?: string; time?: string };
      if (entry.time && /service ready$| listening$/.test(entry.msg ?? '') && Date.parse(entry.time) >= startedAt - 1000) {
        return Date.parse(entry.time) - startedAt;
      }
    } catch {
      // not a log line of ours
    }
  }
  throw new Error(`${service}: no ready line in its log`);
}

async function main(): Promise<void> {
  const port = await freePort();
  const env = { GATEWAY_PORT: String(port) };
  try {
    // cold: none of the platform's images or their build layers exist (the base images do), as on a first
    // `docker compose up --build`; images that share the build stage reuse it within the run, as they would
    await run('docker', ['image', 'rm', '--force', ...appImages]).catch(() => undefined);
    await run('docker', ['image', 'prune', '--force']);
    const cold = await timed(() => compose(project, ['build'], env));
    const cached = await timed(() => compose(project, ['build'], env));
    const up = await timed(async () => {
      await compose(project, ['up', '-d'], env);
      await untilHealthy(project, appContainers, 300_000);
    });

    const base = await imageSize(baseImage);
    console.log(`\nImages (base ${baseImage}: ${mb(base)})`);
    for (const image of appImages) {
      const size = await imageSize(image);
      console.log(`  ${image.padEnd(36)} ${mb(size).padStart(9)}   app layers ${mb(size - base).padStart(8)}`);
    }
    console.log(`\nBuild of every image: cold (no platform layers) ${seconds(cold)}, cached (nothing changed) ${seconds(cached)}`);
    console.log(`docker compose up -d to every app container healthy: ${seconds(up)}`);

    // restart each app container once the platform is up, so start-to-ready is not slowed by the others starting
    console.log('\nStart to ready (first start / after a restart)');
    for (const service of appContainers) {
      const first = await startToReady(service);
      await compose(project, ['restart', service], env);
      await untilHealthy(project, [service]);
      console.log(
        `  ${service.padEnd(10)} ${String(Math.round(first)).padStart(5)} ms / ${String(Math.round(await startToReady(service))).padStart(5)} ms`,
      );
    }

    await new Promise((r) => setTimeout(r, 10_000));
    console.log('\nIdle memory (docker stats, after 10 s without traffic)');
    const ids = await Promise.all(appContainers.map((s) => containerOf(project, s)));
    const { stdout } = await run('docker', ['stats', '--no-stream', '--format', '{{.ID}} {{.MemUsage}}', ...ids]);
    for (const line of stdout.trim().split('\n')) {
      const [id, usage] = [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)];
      const service = appContainers[ids.findIndex((full) => full.startsWith(id))];
      console.log(`  ${String(service).padEnd(10)} ${usage.split(' / ')[0]}`);
    }
  } finally {
    await compose(project, ['down', '-v', '--remove-orphans'], env);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
