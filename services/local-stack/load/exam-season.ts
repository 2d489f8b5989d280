// The exam-season load test: the whole local stack (`npm start`) on free ports, and a mixed open-loop load through
// its gateway, the arrival rate raised step by step. Not a test: it prints p50, p99 and errors per step, and the
// highest rate with p99 < 500 ms and no errors. Baseline: the gateway's /healthz at the same rates.
// Clients come from 60 loopback addresses (127.0.0.10-69), so the per-address limits do not decide the result.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { percentile } from '@tutoring-platform/testing';
import { demoAccounts } from '@tutoring-platform/provision';
import { startFreshStack } from '../src/testing/stack-process';

const stepSeconds = Number(process.env.LOAD_STEP_SECONDS ?? 10);
const rates = (process.env.LOAD_RATES ?? '20,40,80,120,160,240,320').split(',').map(Number);
const addresses = Array.from({ length: 60 }, (_, i) => `127.0.0.${10 + i}`);
const agents = addresses.map((localAddress) => new http.Agent({ keepAlive: true, maxSockets: 32, localAddress }));

interface Call {
  kind: string;
  method: 'GET' | 'POST';
  path: string;
  token?: string;
  body?: unknown;
}

interface Answer {
  kind: string;
  status: number;
  ms: number;
  body: string;
}

function send(base: URL, call: Call, agent: http.Agent): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const req = http.request(
      {
        host: base.hostname === 'localhost' ? '127.0.0.1' : base.hostname,
        port: base.port,
        path: call.path,
        method: call.method,
        agent,
        timeout: 30_000,
        headers: {
          ...(call.token ? { authorization: `Bearer ${call.token}` } : {}),
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
          ...(call.kind === 'book' ? { 'idempotency-key': randomUUID() } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ kind: call.kind, status: res.statusCode ?? 0, ms: performance.now() - started, body: text }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ kind: call.kind, status: 0, ms: performance.now() - started, body: '' }));
    req.end(body);
  });
}

async function json<T>(base: string, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${base}${path}`, init);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Open loop: `rate` requests a second for `seconds`, each sent on time whether or not earlier ones have answered. */
async function step(base: URL, rate: number, seconds: number, next: (i: number) => Call): Promise<Answer[]> {
  const pending: Promise<Answer>[] = [];
  const started = performance.now();
  const total = rate * seconds;
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(base, next(i), agents[i % agents.length]!));
  }
  return Promise.all(pending);
}

const isError = (a: Answer) => a.status === 0 || a.status >= 500;

async function main() {
  const stack = await startFreshStack({ LOG_LEVEL: 'error' });
  const base = new URL(stack.gateway);
  try {
    // set-up: the demo tutor and group, 60 students (one per client address)
    const maya = demoAccounts[0]!;
    const mayaLogin = await json<{ user: { id: string } }>(stack.gateway, '/api/users/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: maya.email, password: maya.password }),
    });
    const courses = await json<{ courses: Array<{ id: string; code: string }> }>(stack.gateway, '/api/tutoring/courses');
    const cs101 = courses.courses.find((c) => c.code === 'CS101')!.id;
    const groups = await json<{ groups: Array<{ id: string }> }>(stack.gateway, '/api/groups?course=CS101');
    const groupId = groups.groups[0]!.id;
    // 60 students, each signed up from its own address
    const tokens: string[] = [];
    const run = Date.now();
    for (let i = 0; i < addresses.length; i++) {
      const signedUp = await send(
        base,
        {
          kind: 'setup',
          method: 'POST',
          path: '/api/users/auth/register',
          body: {
            email: `exam-${run}-${i}@load.test`,
            password: 'exam season 2026',
            displayName: `Student ${i}`,
            timezone: 'Europe/Berlin',
          },
        },
        agents[i]!,
      );
      if (signedUp.status !== 201) throw new Error(`register: ${signedUp.status} ${signedUp.body}`);
    }
    // booking needs a confirmed email: each student follows the link that reached the local mail server, then
    // signs in again for a token that says so
    const links = new Map<string, string>();
    const deadline = Date.now() + 60_000;
    while (links.size < addresses.length && Date.now() < deadline) {
      for (const mail of await json<Array<{ subject: string; text: string; to: Array<{ address: string }> }>>(
        stack.mailWeb,
        '/api/email',
      )) {
        const token = /verify-email#([\w-]{43})/.exec(mail.text)?.[1];
        if (mail.subject === 'Confirm your email' && token) links.set(mail.to[0]!.address, token);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    for (let i = 0; i < addresses.length; i++) {
      const email = `exam-${run}-${i}@load.test`;
      const confirmed = await send(
        base,
        { kind: 'setup', method: 'POST', path: '/api/users/auth/email-verification/complete', body: { token: links.get(email) } },
        agents[i]!,
      );
      if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status} ${confirmed.body}`);
      const signedIn = await send(
        base,
        { kind: 'setup', method: 'POST', path: '/api/users/auth/login', body: { email, password: 'exam season 2026' } },
        agents[i]!,
      );
      tokens.push((JSON.parse(signedIn.body) as { accessToken: string }).accessToken);
    }
    const week = () => {
      const from = new Date(Date.now() + 86_400_000);
      return `from=${from.toISOString()}&to=${new Date(from.getTime() + 7 * 86_400_000).toISOString()}`;
    };
    const slotsPath = `/api/tutoring/tutors/${mayaLogin.user.id}/slots?courseId=${cs101}&length=60&${week()}`;
    const openSlots = (await json<{ slots: Array<{ start: string }> }>(stack.gateway, slotsPath)).slots.map((s) => s.start);

    // the mix: what students do the week before exams
    const mix: Array<[weight: number, make: (i: number) => Call]> = [
      [25, () => ({ kind: 'search', method: 'GET', path: `/api/tutoring/tutors?course=${cs101}&${week()}` })],
      [20, () => ({ kind: 'slots', method: 'GET', path: slotsPath })],
      [15, () => ({ kind: 'tutor page', method: 'GET', path: `/api/tutoring/tutors/${mayaLogin.user.id}` })],
      [15, () => ({ kind: 'browse groups', method: 'GET', path: '/api/groups?course=CS101' })],
      [10, () => ({ kind: 'discussion', method: 'GET', path: `/api/groups/${groupId}/posts` })],
      [
        5,
        (i) => ({
          kind: 'book',
          method: 'POST',
          path: '/api/tutoring/bookings',
          token: tokens[i % tokens.length],
          body: { tutorId: mayaLogin.user.id, courseId: cs101, start: openSlots[i % openSlots.length], length: 60 },
        }),
      ],
      [5, (i) => ({ kind: 'join group', method: 'POST', path: `/api/groups/${groupId}/join`, token: tokens[i % tokens.length] })],
      [5, () => ({ kind: 'group page', method: 'GET', path: `/api/groups/${groupId}` })],
    ];
    const totalWeight = mix.reduce((n, [w]) => n + w, 0);
    const pick = (i: number): Call => {
      let r = (i * 7919) % totalWeight;
      for (const [w, make] of mix) {
        if (r < w) return make(i);
        r -= w;
      }
      return mix[0]![1](i);
    };
    const health = (): Call => ({ kind: 'healthz', method: 'GET', path: '/healthz' });

    console.log(
      `\nexam-season load through the gateway (${stepSeconds} s per step, ${addresses.length} client addresses, Node ${process.version})`,
    );
    console.log(
      `  ${'rate/s'.padEnd(8)}${'mix p50 / p99 ms'.padEnd(22)}${'errors'.padEnd(10)}${'healthz p50 / p99 ms'.padEnd(24)}slowest kind (p99)`,
    );
    let best = 0;
    for (const rate of rates) {
      const mixed = await step(base, rate, stepSeconds, pick);
      const baseline = await step(base, rate, Math.min(stepSeconds, 5), health);
      const lat = mixed.map((a) => a.ms).sort((a, b) => a - b);
      const blat = baseline.map((a) => a.ms).sort((a, b) => a - b);
      const errors = mixed.filter(isError).length;
      const byKind = new Map<string, number[]>();
      for (const a of mixed) byKind.set(a.kind, [...(byKind.get(a.kind) ?? []), a.ms]);
      const slowest = [...byKind]
        .map(
          ([kind, ms]) =>
            [
              kind,
              percentile(
                ms.sort((a, b) => a - b),
                99,
              ),
            ] as const,
        )
        .sort((a, b) => b[1] - a[1])[0]!;
      const p99 = percentile(lat, 99);
      if (p99 < 500 && errors === 0) best = rate;
      console.log(
        `  ${String(rate).padEnd(8)}${`${percentile(lat, 50).toFixed(0)} / ${p99.toFixed(0)}`.padEnd(22)}${String(errors).padEnd(10)}${`${percentile(blat, 50).toFixed(0)} / ${percentile(blat, 99).toFixed(0)}`.padEnd(24)}${slowest[0]} (${slowest[1].toFixed(0)})`,
      );
      if (p99 > 2000 || errors > lat.length / 10) break;
    }
    console.log(`  highest rate with p99 < 500 ms and 0 errors: ${best ? `${best} requests/s` : 'none of the steps'}`);
  } finally {
    for (const agent of agents) agent.destroy();
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
