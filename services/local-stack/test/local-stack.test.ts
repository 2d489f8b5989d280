import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '../src/throwaway-postgres';

const entry = path.join(__dirname, '..', 'dist', 'start.js');

interface Stack {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

function launch(env: NodeJS.ProcessEnv): Stack {
  const child = spawn(process.execPath, [entry], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) createInterface({ input: stream }).on('line', (l) => output.push(l));
  return { child, output, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

async function untilRunning(stack: Stack): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!stack.output.some((l) => l.includes('is running at'))) {
    if (stack.child.exitCode !== null) throw new Error(`stack exited: ${stack.output.join('\n')}`);
    if (Date.now() > deadline) throw new Error(`stack did not start: ${stack.output.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm start (the embedded local stack)', () => {
  let env: NodeJS.ProcessEnv;
  let gateway: string;

  beforeAll(async () => {
    const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'tp-stack-'));
    chmodSync(dataRoot, 0o755);
    const ports = {
      GATEWAY_PORT: await freePort(),
      POSTGRES_PORT: await freePort(),
      DYNAMODB_PORT: await freePort(),
      USERS_PORT: await freePort(),
    };
    env = {
      LOCAL_DATA_DIR: path.join(dataRoot, 'data'),
      LOG_LEVEL: 'warn',
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    };
    gateway = `http://localhost:${ports.GATEWAY_PORT}`;
  });

  it('when started, stopped and started again, then it serves the API through the gateway, refuses a twin, stops cleanly and keeps its data', async () => {
    const first = launch(env);
    await untilRunning(first);
    const banner = first.output.join('\n');
    expect(banner).toContain('admin@tutoring.local');
    expect(banner).toContain('maya@demo.local');
    expect(banner).toContain('were created on this first start');

    const login = await fetch(`${gateway}/api/users/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'maya@demo.local', password: 'maya-demo-pass-2026' }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const me = await fetch(`${gateway}/api/users/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(((await me.json()) as { email: string }).email).toBe('maya@demo.local');

    const admin = await fetch(`${gateway}/api/users/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@tutoring.local', password: 'local-admin-only-2026' }),
    });
    expect(((await admin.json()) as { user: { role: string } }).user.role).toBe('admin');

    const home = await fetch(`${gateway}/`);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(await (await fetch(`${gateway}/tutors/some-client-route`)).text()).toContain('<html');
    const catalog = (await (await fetch(`${gateway}/api/tutoring/courses`)).json()) as { courses: Array<{ id: string; code: string }> };
    expect(catalog.courses.length).toBeGreaterThanOrEqual(20);
    const cs101 = catalog.courses.find((c) => c.code === 'CS101')!;
    const maya = (await (await fetch(`${gateway}/api/users/me`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as {
      id: string;
    };
    const week = {
      courseId: cs101.id,
      length: '60',
      from: new Date().toISOString(),
      to: new Date(Date.now() + 8 * 86_400_000).toISOString(),
    };
    const slots = (await (await fetch(`${gateway}/api/tutoring/tutors/${maya.id}/slots?${new URLSearchParams(week)}`)).json()) as {
      timezone: string;
      slots: unknown[];
    };
    expect(slots.timezone).toBe('America/New_York');
    expect(slots.slots.length).toBeGreaterThan(10);

    const group = await fetch(`${gateway}/api/groups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ name: 'Intro programming study group', course: 'CS101', subject: 'Computer Science', capacity: 8 }),
    });
    expect(group.status).toBe(201);
    const unknownApi = await fetch(`${gateway}/api/nothing-here`);
    expect(unknownApi.status).toBe(404);
    expect(((await unknownApi.json()) as { error: { code: string } }).error.code).toBe('not-found');

    const twin = launch(env);
    expect(await twin.exited).toBe(1);
    expect(twin.output.join('\n')).toMatch(/already running \(pid \d+\)/);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(first.output).toContain('stopped');
    await expect(fetch(`${gateway}/api/users/healthz`)).rejects.toThrow();

    const second = launch(env);
    await untilRunning(second);
    expect(second.output.join('\n')).not.toContain('were created on this first start');
    const again = await fetch(`${gateway}/api/users/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'maya@demo.local', password: 'maya-demo-pass-2026' }),
    });
    expect(again.status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 120_000);
});
