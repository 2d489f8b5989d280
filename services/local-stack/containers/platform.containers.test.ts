// The platform as docker compose runs it, on a real Docker daemon: every image built from this tree, started,
// used through the gateway, its containers inspected, one service stopped under load, the stores restarted.
// `npm run test:containers` (after `npm test` in CI); always ends with `docker-compose down -v`.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import { generate } from 'otplib';
import { apiServices } from '@tutoring-platform/shared/catalog';
import { freePort } from '@tutoring-platform/testing';
import { compose, containerOf, untilHealthy } from './compose-project';

const run = promisify(execFile);
const project = `tpcontainers${process.pid}`;
const admin = { email: 'admin@tutoring.local', password: 'local-admin-only-2026' };
let gateway = '';
/** The mail container's web inbox and API, published on a free port. */
let mailWeb = '';

/** Reads until `done` holds (every 200 ms, at most 30 s), and answers the last reading. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  text: string;
  headers: Headers;
}

/** A 2×2 red PNG made byte by byte: signature, header, the deflated rows, end. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]); // 2×2, 8-bit RGB
  const rows = Buffer.from([0, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0]); // each row: filter 0, two red pixels
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

async function call(
  method: string,
  urlPath: string,
  body?: unknown,
  token?: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${gateway}${urlPath}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // calendar files and pages are not JSON
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

/** Signs up and follows the confirmation link from the mail container, as booking and tutoring need. */
async function signUp(name: string): Promise<{ id: string; token: string; email: string }> {
  const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@containers.test`;
  const password = `${name}-containers-2026`;
  const registered = await call('POST', '/api/users/auth/register', { email, password, displayName: name, timezone: 'Europe/Berlin' });
  expect(registered.status).toBe(201);
  const mail = await until(
    async () =>
      (
        (await (await fetch(`${mailWeb}/api/email`)).json()) as Array<{ subject: string; text: string; to: Array<{ address: string }> }>
      ).find((m) => m.subject === 'Confirm your email' && m.to.some((a) => a.address === email)),
    Boolean,
  );
  const token = /verify-email#([\w-]{43})/.exec(mail?.text ?? '')?.[1];
  expect((await call('POST', '/api/users/auth/email-verification/complete', { token })).status).toBe(200);
  const session = await call('POST', '/api/users/auth/login', { email, password });
  return { id: String((session.body.user as { id: string }).id), token: String(session.body.accessToken), email };
}

/**
 * The administrator signs in with both steps, with the key the seed container printed. The seed used the codes of
 * the 30-second step it finished in and the next one, and each code works once: this waits for a later step.
 */
async function adminSignIn(): Promise<string> {
  const seed = await until(
    async () => {
      const id = (await compose(project, ['ps', '-a', '-q', 'seed'])).trim();
      const state = id ? (await run('docker', ['inspect', '--format', '{{.State.Status}} {{.State.FinishedAt}}', id])).stdout.trim() : '';
      return { id, state };
    },
    ({ state }) => state.startsWith('exited'),
  );
  const logs = await run('docker', ['logs', seed.id]);
  const key = /authenticator key: ([A-Z2-7]+)/.exec(logs.stdout + logs.stderr)?.[1] ?? '';
  const step = Math.floor(Date.parse(seed.state.split(' ')[1]!) / 30_000) + 2;
  while (Math.floor(Date.now() / 30_000) + 1 < step) await new Promise((r) => setTimeout(r, 1000));
  const { challenge } = (await call('POST', '/api/users/auth/login', admin)).body;
  const code = await generate({ secret: key, epoch: Math.max(step, Math.floor(Date.now() / 30_000)) * 30 });
  const session = await call('POST', '/api/users/auth/login/second-step', { challenge, code });
  expect(session.status).toBe(200);
  return String(session.body.accessToken);
}

// What the journey writes, read back after the stores restart.
const written = { bookingId: '', groupId: '', studentToken: '' };

beforeAll(async () => {
  const [port, mailPort] = [await freePort(), await freePort()];
  gateway = `http://127.0.0.1:${port}`;
  mailWeb = `http://127.0.0.1:${mailPort}`;
  await compose(project, ['up', '-d', '--build'], { GATEWAY_PORT: String(port), MAIL_WEB_PORT: String(mailPort) });
  await untilHealthy(project, [...apiServices.map((s) => s.name), 'web', 'gateway', 'postgres', 'dynamodb', 'objects', 'mail']);
}, 1_200_000);

afterAll(async () => {
  await compose(project, ['down', '-v', '--remove-orphans']).catch((err: unknown) => console.error(err));
}, 180_000);

describe('the platform in containers', () => {
  it('when a journey runs through the gateway, then sign-up, tutoring, a photo, booking, a waitlist and .ics all work', async () => {
    const tutor = await signUp('Tara');
    const adminToken = await adminSignIn();
    const course = await call(
      'POST',
      '/api/tutoring/courses',
      { code: `CT${Date.now() % 100000}`, title: 'Container testing', subject: 'Computer Science' },
      adminToken,
    );
    expect(course.status).toBe(201);
    const courseId = String(course.body.id);

    const profile = await call(
      'PUT',
      '/api/tutoring/tutors/me',
      {
        headline: 'Tutor in a container',
        bio: 'Ships images.',
        languages: ['en'],
        courseIds: [courseId],
        online: { meetingLink: 'https://meet.example.com/tara' },
        sessionLengths: [60],
        maxGroupSize: 4,
      },
      tutor.token,
    );
    expect(profile.status).toBe(200);
    const tutorId = String(profile.body.id);
    expect(
      (await call('POST', `/api/tutoring/tutors/${tutorId}/courses/${courseId}/approval`, { decision: 'approve' }, adminToken)).status,
    ).toBe(200);
    const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
    expect(
      (
        await call(
          'PUT',
          '/api/tutoring/tutors/me/availability',
          { timezone: 'UTC', weekly, minNoticeMinutes: 60, maxHorizonDays: 30 },
          tutor.token,
        )
      ).status,
    ).toBe(200);

    // a photo goes through the tutoring image's sharp into the object store container, and back out
    const upload = await fetch(`${gateway}/api/tutoring/tutors/me/photo`, {
      method: 'PUT',
      headers: { 'content-type': 'image/png', authorization: `Bearer ${tutor.token}` },
      body: tinyPng(),
    });
    expect(upload.status).toBe(200);
    const photo = await fetch(`${gateway}${String(((await upload.json()) as { photoUrl: string }).photoUrl)}`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/webp');
    expect(
      Buffer.from(await photo.arrayBuffer())
        .subarray(8, 12)
        .toString('latin1'),
    ).toBe('WEBP');

    const student = await signUp('Sam');
    const from = new Date(Date.now() + 86_400_000);
    const to = new Date(from.getTime() + 2 * 86_400_000);
    const slots = await call(
      'GET',
      `/api/tutoring/tutors/${tutorId}/slots?courseId=${courseId}&length=60&from=${from.toISOString()}&to=${to.toISOString()}`,
    );
    expect(slots.status).toBe(200);
    const start = String((slots.body.slots as Array<{ start: string }>)[0]!.start);
    const booking = await call('POST', '/api/tutoring/bookings', { tutorId, courseId, start, length: 60 }, student.token, {
      'Idempotency-Key': randomUUID(),
    });
    expect(booking.status).toBe(201);
    const ics = await call('GET', `/api/tutoring/bookings/${String(booking.body.id)}/calendar.ics`, undefined, student.token);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/text\/calendar/);
    expect(ics.text).toContain('BEGIN:VEVENT');
    // the approval and the booking reach the tutor through tutoring's outbox, the notifications container and the
    // mail container
    const titles = async () =>
      ((await call('GET', '/api/notifications/notifications', undefined, tutor.token)).body.notifications as Array<{ title: string }>).map(
        (n) => n.title,
      );
    // (the tutor confirms requests at once, so Sam's booking is confirmed as it is made)
    expect(await until(titles, (t) => t.length === 2)).toEqual([
      'Session confirmed with Sam',
      `You can now tutor ${String(course.body.code)} Container testing`,
    ]);
    const subjects = async () =>
      ((await (await fetch(`${mailWeb}/api/email`)).json()) as Array<{ subject: string; to: Array<{ address: string }> }>)
        .filter((m) => m.to.some((a) => a.address === tutor.email))
        .map((m) => m.subject);
    // the first is the link that confirmed the tutor's email at sign-up
    expect(await until(subjects, (all) => all.length === 3)).toEqual([
      'Confirm your email',
      `You can now tutor ${String(course.body.code)} Container testing`,
      'Session confirmed with Sam',
    ]);

    const owner = await signUp('Olga');
    const group = await call(
      'POST',
      '/api/groups',
      { name: 'Containers circle', course: 'CT101', subject: 'Computer Science', description: 'Small on purpose.', capacity: 1 },
      owner.token,
    );
    expect(group.status).toBe(201);
    const groupId = String(group.body.id);
    expect((await call('POST', `/api/groups/${groupId}/join`, {}, student.token)).body).toEqual({ status: 'member' });
    const late = await signUp('Lea');
    expect((await call('POST', `/api/groups/${groupId}/join`, {}, late.token)).body).toEqual({ status: 'waitlisted', position: 1 });

    Object.assign(written, { bookingId: String(booking.body.id), groupId, studentToken: student.token });
  }, 120_000);

  it('when the app containers are inspected, then each runs as a non-root user on a read-only root filesystem', async () => {
    for (const name of [...apiServices.map((s) => s.name), 'web', 'gateway']) {
      const id = await containerOf(project, name);
      const { stdout } = await run('docker', ['inspect', '--format', '{{.Config.User}} {{.HostConfig.ReadonlyRootfs}}', id]);
      expect(`${name}: ${stdout.trim()}`).toBe(`${name}: node true`);
      const uid = (await run('docker', ['exec', id, 'id', '-u'])).stdout.trim();
      expect(`${name}: uid ${uid}`).not.toBe(`${name}: uid 0`);
      await expect(run('docker', ['exec', id, 'touch', '/app/written'])).rejects.toThrow(/Read-only file system/);
    }
  }, 120_000);

  it('when a service container gets SIGTERM under load, then every request it had already received completes', async () => {
    const target = await containerOf(project, 'tutoring');
    const results: Array<{ sentAt: number; status: number }> = [];
    let stopping = false;
    let signalledAt = Infinity;
    const worker = async () => {
      while (!stopping) {
        const sentAt = Date.now();
        const status = await fetch(`${gateway}/api/tutoring/tutors`).then(
          (r) => r.arrayBuffer().then(() => r.status),
          () => 0,
        );
        results.push({ sentAt, status });
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    try {
      // under load: at least 100 answers before the signal, however busy the machine is
      while (results.length < 100) await new Promise((r) => setTimeout(r, 50));
      signalledAt = Date.now();
      await run('docker', ['kill', '--signal', 'SIGTERM', target]);
      await new Promise((r) => setTimeout(r, 1_000));
    } finally {
      stopping = true;
      await Promise.all(workers);
    }
    try {
      // Requests sent before the signal (at least the 100 waited for) reached a running service; the drain lets each finish.
      expect(results.filter((r) => r.sentAt < signalledAt && r.status !== 200)).toEqual([]);
    } finally {
      // the orchestrator's part: ECS replaces a stopped task; here we start the container again
      await compose(project, ['start', 'tutoring']);
      await untilHealthy(project, ['tutoring']);
    }
  }, 180_000);

  it('when the data containers restart, then what was written is read back', async () => {
    expect(written.bookingId).not.toBe('');
    await compose(project, ['restart', 'postgres', 'dynamodb']);
    await untilHealthy(project, ['postgres', 'dynamodb', 'users', 'tutoring', 'groups']);
    // While its store comes back, and until its circuit breaker has seen the store answer again, a service answers 503
    // with Retry-After: 1. A client asks again, as this does, for at most a minute.
    const deadline = Date.now() + 60_000;
    const untilAnswered = async (ask: () => Promise<Answer>): Promise<Answer> => {
      let answer = await ask();
      while (answer.status !== 200 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        answer = await ask();
      }
      return answer;
    };
    const booking = await untilAnswered(() => call('GET', `/api/tutoring/bookings/${written.bookingId}`, undefined, written.studentToken));
    expect(booking.status).toBe(200);
    expect(booking.body.id).toBe(written.bookingId);
    const members = await untilAnswered(() => call('GET', `/api/groups/${written.groupId}/members`, undefined, written.studentToken));
    expect(members.status).toBe(200);
    expect(members.body.waitlist).toEqual([expect.objectContaining({ position: 1 })]);
  }, 240_000);
});
