// The whole local stack (`npm start`) as a child process on free ports with its own data directory, for tests
// and measurements that need the real platform end to end: the local stack's own test, the browser tests and
// the web app's Lighthouse run.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { adminKeyFile } from '@tutoring-platform/provision';
import { apiServices } from '@tutoring-platform/shared/catalog';
import { freePort } from '@tutoring-platform/testing';

// dist/start.js, from this file compiled (dist/testing) or run from source (src/testing)
const entry = path.join(__dirname, '..', '..', 'dist', 'start.js');

export interface StackProcess {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

export function launchStack(env: NodeJS.ProcessEnv): StackProcess {
  const child = spawn(process.execPath, [entry], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) createInterface({ input: stream }).on('line', (l) => output.push(l));
  return { child, output, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

export async function untilRunning(stack: StackProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!stack.output.some((l) => l.includes('is running at'))) {
    if (stack.child.exitCode !== null) throw new Error(`stack exited: ${stack.output.join('\n')}`);
    if (Date.now() > deadline) throw new Error(`stack did not start: ${stack.output.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface StackSettings {
  env: NodeJS.ProcessEnv;
  gateway: string;
  /** The development mail server's web inbox and REST API. */
  mailWeb: string;
  dataRoot: string;
}

/** Every port free and a fresh data directory, so it runs beside anything else (another test's stack too). */
export async function freshStackSettings(extra: NodeJS.ProcessEnv = {}): Promise<StackSettings> {
  const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'tp-stack-'));
  chmodSync(dataRoot, 0o755);
  const ports: Record<string, number> = {};
  const stores = ['GATEWAY_PORT', 'POSTGRES_PORT', 'DYNAMODB_PORT', 'OBJECT_STORE_PORT', 'MAIL_SMTP_PORT', 'MAIL_WEB_PORT'];
  for (const name of [...stores, ...apiServices.map((s) => `${s.name.toUpperCase()}_PORT`)]) ports[name] = await freePort();
  return {
    env: {
      LOCAL_DATA_DIR: path.join(dataRoot, 'data'),
      LOG_LEVEL: 'warn',
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      ...extra,
    },
    gateway: `http://localhost:${ports.GATEWAY_PORT}`,
    mailWeb: `http://127.0.0.1:${ports.MAIL_WEB_PORT}`,
    dataRoot,
  };
}

/** The seeded administrator's authenticator key, as the start banner shows it, and when the seed set it up. */
export interface AdminAuthenticator {
  key: string;
  /** The seed used the codes of this 30-second step and the next: a later sign-in needs a later one. */
  setUpAt: number;
}

/** Starts a fresh stack and returns its address and a stop that also removes its data. */
export async function startFreshStack(
  extra: NodeJS.ProcessEnv = {},
): Promise<{ gateway: string; mailWeb: string; adminAuthenticator: () => AdminAuthenticator; stop: () => Promise<void> }> {
  const settings = await freshStackSettings(extra);
  const stack = launchStack(settings.env);
  await untilRunning(stack);
  return {
    gateway: settings.gateway,
    mailWeb: settings.mailWeb,
    adminAuthenticator: () => {
      const file = path.join(settings.env.LOCAL_DATA_DIR!, adminKeyFile);
      return { key: readFileSync(file, 'utf8').trim(), setUpAt: statSync(file).mtimeMs };
    },
    async stop() {
      stack.child.kill('SIGTERM');
      await stack.exited;
      rmSync(settings.dataRoot, { recursive: true, force: true });
    },
  };
}
