// Runs one service as its own Node process, the way its container would, and relays its logs.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  stop(): Promise<number | null>;
}

/** Turns a pino JSON line into `level message key=value` for a person reading a terminal. */
function readable(line: string): string {
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const { level, msg, req, res, durationMs, err } = entry as {
      level?: number;
      msg?: string;
      req?: { method: string; url: string };
      res?: { status: number };
      durationMs?: number;
      err?: { message?: string };
    };
    const levelName =
      ({ 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' } as Record<number, string>)[level ?? 30] ?? 'info';
    const request = req && res ? ` ${req.method} ${req.url} ${res.status} ${durationMs ?? '?'}ms` : '';
    return `${levelName} ${msg ?? ''}${request}${err?.message ? ` (${err.message})` : ''}`;
  } catch {
    return line;
  }
}

export function startServiceProcess(name: string, entry: string, env: NodeJS.ProcessEnv, log: (line: string) => void): ServiceProcess {
  const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => log(`[${name}] ${readable(line)}`));
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Polls the readiness path until it answers 200, the process dies, or the time runs out. */
export async function waitUntilReady(service: ServiceProcess, url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`${service.name} exited with code ${service.child.exitCode} while starting`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${service.name} was not ready at ${url} within ${timeoutMs / 1000} s`);
}

/** Spawns `node <args>` with only PATH and `env`; output is discarded except errors (benchmarks). */
export function spawnNode(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, args, { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Resolves once `url` answers 200 (polling every 5 ms), or rejects after `timeoutMs`. */
export async function waitForOk(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await fetch(url).then(
        (r) => r.status === 200,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

/** SIGTERM, then resolves when the process has exited. */
export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The p-th percentile (nearest rank) of ascending `sorted` values. */
export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Sequential GETs from one client after 20 warm-up requests: latency percentiles in ms. Fails on a non-200. */
export async function sequentialLatencies(url: () => string, count: number): Promise<{ p50: number; p95: number; p99: number }> {
  for (let i = 0; i < 20; i++) await fetch(url()).then((r) => r.arrayBuffer());
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const target = url();
    const started = performance.now();
    const res = await fetch(target);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${target} -> ${res.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
}
