// Runs one service as its own Node process, the way its container would, and relays its logs.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ServiceProcess {
  name: string;
  /** The process running now: a crashed one is replaced. */
  readonly child: ChildProcess;
  /** How many times it was restarted after a crash. */
  readonly restarts: number;
  stop(): Promise<number | null>;
}

export interface RestartBackoff {
  /** Wait before the first restart; doubles each time, up to `maxMs`. */
  initialMs: number;
  maxMs: number;
  /** A process that ran this long before crashing starts the backoff again from `initialMs`. */
  stableMs: number;
}

/** As ECS replaces a task that exits: 1 s, 2 s, 4 s ... at most 30 s apart. */
const ecsLikeBackoff: RestartBackoff = { initialMs: 1_000, maxMs: 30_000, stableMs: 60_000 };

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

/** Runs the service and, until `stop()`, restarts it with backoff whenever it exits, logging each restart. */
export function startServiceProcess(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
  backoff: RestartBackoff = ecsLikeBackoff,
): ServiceProcess {
  let stopping = false;
  let restarts = 0;
  let delayMs = backoff.initialMs;
  let restartTimer: NodeJS.Timeout | undefined;
  let exited!: Promise<number | null>;
  let child!: ChildProcess;

  const run = () => {
    const startedAt = Date.now();
    child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => log(`[${name}] ${readable(line)}`));
    }
    exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        resolve(code);
        if (stopping) return;
        if (Date.now() - startedAt >= backoff.stableMs) delayMs = backoff.initialMs;
        log(`[${name}] exited (${signal ?? `code ${code}`}); restarting in ${delayMs / 1000} s`);
        restartTimer = setTimeout(() => {
          restarts += 1;
          run();
        }, delayMs);
        delayMs = Math.min(delayMs * 2, backoff.maxMs);
      }),
    );
  };
  run();

  return {
    name,
    get child() {
      return child;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
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
