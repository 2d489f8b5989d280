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
