// Processes and timings for tests and benchmarks: free ports, child services, readiness polling, percentiles.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A port nothing listens on, for a child process to bind. It is drawn at random from below the kernel's ephemeral
 * range: a port from `listen(0)` lies inside that range, where every test server on port 0 and every outgoing
 * connection also draws, so on a busy machine another test could take it before our child binds it.
 */
export async function freePort(): Promise<number> {
  const low = 20_000;
  const high = ephemeralStart();
  for (;;) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (!handedOut.has(port) && (await canListen(port))) {
      handedOut.add(port);
      return port;
    }
  }
}

const handedOut = new Set<number>();

function ephemeralStart(): number {
  try {
    const start = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (start > 21_000) return start;
  } catch {
    // not Linux: the IANA dynamic range starts here
  }
  return 49_152;
}

/** On every interface, so a listener on any one address counts as taken. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
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

/** Asks `read` every 50 ms until it answers other than `from` or `timeoutMs` passes: the last answer and the wait. */
export async function untilChanged(
  read: () => Promise<number>,
  from: number,
  timeoutMs = 5_000,
): Promise<{ status: number; afterMs: number }> {
  const started = Date.now();
  let status = from;
  while (status === from && Date.now() - started < timeoutMs) {
    status = await read();
    if (status === from) await new Promise((r) => setTimeout(r, 50));
  }
  return { status, afterMs: Date.now() - started };
}

/** Reads until `done` holds (every 50 ms, at most `timeoutMs`), and answers the last reading: for what arrives later. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() - started > timeoutMs) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}
