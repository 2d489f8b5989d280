// Group sessions with a tutor against the real users, tutoring and groups services, each on its own port:
// groups books through tutoring's public API and tutoring tells groups when the booking ends.
import type { Server } from 'node:http';
import request from 'supertest';
import { portOf, startServer, stopServer } from '@tutoring-platform/shared';
import { startTutoringTestServer, type TutoringTestServer } from '@tutoring-platform/tutoring/testing';
import { startUsersTestServer, type UsersTestServer } from '@tutoring-platform/users/testing';
import { httpTutoringSessions } from '../src/clients/tutoring-sessions';
import { auth, createTestContext, expectError, type TestAccount, type TestContext } from './support';

let users: UsersTestServer;
let tutoring: TutoringTestServer;
let groupsServer: Server;
let ctx: TestContext;
let tutor: TestAccount;
let courseId: string;

async function call(path: string, who: TestAccount, method: string, body?: unknown) {
  const res = await fetch(`${tutoring.baseUrl}${path}`, {
    method,
    headers: { ...auth(who), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => null)) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

beforeAll(async () => {
  users = await startUsersTestServer();
  ctx = await createTestContext({ users });
  groupsServer = await startServer(ctx.app, 0, '127.0.0.1');
  tutoring = await startTutoringTestServer({ users, groupsApiUrl: `http://127.0.0.1:${portOf(groupsServer)}/api/groups` });
  ctx.deps.tutoring = httpTutoringSessions(tutoring.baseUrl);

  const admin = await users.signUpAdmin();
  tutor = await users.signUp('Tomas Tutor');
  const course = await call('/courses', admin, 'POST', {
    code: `GS-${Date.now() % 1_000_000}`,
    title: 'Group sessions 101',
    subject: 'Maths',
  });
  courseId = course.id as string;
  await call('/tutors/me', tutor, 'PUT', {
    headline: 'Groups welcome',
    languages: ['en'],
    courseIds: [courseId],
    online: { meetingLink: 'https://meet.example.test/tomas' },
    sessionLengths: [60],
    maxGroupSize: 6,
  });
  await call(`/tutors/${tutor.id}/courses/${courseId}/approval`, admin, 'POST', { decision: 'approve' });
  await call('/tutors/me/availability', tutor, 'PUT', {
    timezone: 'UTC',
    weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
    minNoticeMinutes: 0,
  });
}, 60_000);

afterAll(async () => {
  await tutoring.close();
  await stopServer(groupsServer, 1000);
  await ctx.close();
  await users.close();
});

/** A group of the owner and `count` members, and the start of one of the tutor's open slots `hoursAhead` from now. */
async function setting(count: number, hoursAhead: number) {
  const owner = await users.signUp('Olga Organizer');
  const group = (
    await request(ctx.app)
      .post('/api/groups')
      .set(auth(owner))
      .send({ name: 'Calculus crew', course: 'MATH101', subject: 'Maths', capacity: 10 })
  ).body as { id: string };
  const members: TestAccount[] = [];
  for (let i = 0; i < count; i++) {
    const who = await users.signUp();
    await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(who));
    members.push(who);
  }
  const from = new Date(Date.now() + hoursAhead * 3_600_000);
  const slots = await call(
    `/tutors/${tutor.id}/slots?courseId=${courseId}&length=60&from=${from.toISOString()}&to=${new Date(from.getTime() + 6 * 3_600_000).toISOString()}`,
    owner,
    'GET',
  );
  const start = (slots.slots as Array<{ start: string }>)[0]!.start;
  return { owner, groupId: group.id, members, start };
}

const bookTutor = (groupId: string, who: TestAccount, start: string, key: string, extra: Record<string, unknown> = {}) =>
  request(ctx.app)
    .post(`/api/groups/${groupId}/tutor-sessions`)
    .set(auth(who))
    .set('Idempotency-Key', key)
    .send({ tutorId: tutor.id, courseId, start, length: 60, timezone: 'Europe/Madrid', title: 'Limits with Tomas', ...extra });

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  return read();
}

describe('group sessions with a tutor', () => {
  it('when the organizer books a tutor slot, then the tutoring service holds a booking for the group’s seats and the meeting shows the tutor', async () => {
    const { owner, groupId, members, start } = await setting(3, 30);
    const res = await bookTutor(groupId, owner, start, 'first');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      startsAt: start,
      // everyone in the group: the owner and three members
      capacity: 4,
      timezone: 'Europe/Madrid',
      tutor: { tutorId: tutor.id, tutorName: 'Tomas Tutor', courseId, organizerId: owner.id },
    });
    const booking = await call(`/bookings/${res.body.tutor.bookingId}`, tutor, 'GET');
    expect(booking).toMatchObject({ groupId, seats: 4, studentId: owner.id, status: 'confirmed' });
    // the same request again: the same booking and meeting
    const again = await bookTutor(groupId, owner, start, 'first');
    expect(again.body.id).toBe(res.body.id);
    // five at once with a new key for the next hour: one booking, one meeting
    const next = new Date(Date.parse(start) + 3_600_000).toISOString();
    const burst = await Promise.all(Array.from({ length: 5 }, () => bookTutor(groupId, owner, next, 'burst')));
    const created = burst.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    const meetings = (await request(ctx.app).get(`/api/groups/${groupId}/meetings`).set(auth(members[0]!))).body.meetings;
    expect(meetings.map((m: { tutor: { bookingId: string } }) => m.tutor.bookingId)).toEqual(
      [res.body.tutor.bookingId, created[0]!.body.tutor.bookingId].filter((b, i, all) => all.indexOf(b) === i),
    );
    // too many seats for this tutor: the tutoring service's own answer, and no meeting
    expectError(await bookTutor(groupId, owner, start, 'big', { seats: 7 }), 422, 'group-too-large');
    expectError(await bookTutor(groupId, members[0]!, start, 'member'), 403, 'managers-only');
    expectError(await request(ctx.app).post(`/api/groups/${groupId}/tutor-sessions`).set(auth(owner)).send({}), 400, 'validation-failed');
  });

  it('when someone books the tutoring service directly for a group, then only its owner or a moderator may, for a real active group', async () => {
    const { owner, groupId, members, start } = await setting(1, 60);
    const direct = (who: TestAccount, group: string, at = start) =>
      fetch(`${tutoring.baseUrl}/bookings`, {
        method: 'POST',
        headers: { ...auth(who), 'content-type': 'application/json', 'idempotency-key': `direct-${group}-${who.id}-${at}` },
        body: JSON.stringify({ tutorId: tutor.id, courseId, start: at, length: 60, seats: 2, groupId: group }),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as { error?: { code: string } } }));
    const member = await direct(members[0]!, groupId);
    expect([member.status, member.body.error?.code]).toEqual([403, 'group-managers-only']);
    const made = await direct(owner, '0b8f9d4e-1234-4abc-8def-0123456789ab');
    expect([made.status, made.body.error?.code]).toEqual([422, 'group-not-found']);
    expect((await direct(owner, groupId)).status).toBe(201);
    await request(ctx.app).post(`/api/groups/${groupId}/archive`).set(auth(owner));
    const later = new Date(Date.parse(start) + 3_600_000).toISOString();
    const archived = await direct(owner, groupId, later);
    expect([archived.status, archived.body.error?.code]).toEqual([409, 'group-archived']);
  });

  it('when the tutor cancels the booking in the tutoring service, then the group’s meeting is cancelled too', async () => {
    const { owner, groupId, start } = await setting(1, 40);
    const meeting = (await bookTutor(groupId, owner, start, 'k')).body as { id: string; tutor: { bookingId: string } };
    await call(`/bookings/${meeting.tutor.bookingId}/cancel`, tutor, 'POST', { reason: 'I am ill' });
    const seen = await eventually(
      async () => (await request(ctx.app).get(`/api/groups/${groupId}/meetings/${meeting.id}`)).body.meeting,
      (m) => m.status === 'cancelled',
    );
    expect(seen).toMatchObject({ status: 'cancelled', cancelReason: 'The tutor session was cancelled' });
  });

  it('when the organizer cancels the meeting, then the booking is cancelled in the tutoring service; a co-moderator may not', async () => {
    const { owner, groupId, members, start } = await setting(1, 50);
    const meeting = (await bookTutor(groupId, owner, start, 'k')).body as { id: string; tutor: { bookingId: string } };
    const moderator = members[0]!;
    await request(ctx.app).put(`/api/groups/${groupId}/members/${moderator.id}/role`).set(auth(owner)).send({ role: 'moderator' });
    expectError(
      await request(ctx.app).post(`/api/groups/${groupId}/meetings/${meeting.id}/cancel`).set(auth(moderator)),
      403,
      'organizer-only',
    );
    const cancelled = await request(ctx.app)
      .post(`/api/groups/${groupId}/meetings/${meeting.id}/cancel`)
      .set(auth(owner))
      .send({ reason: 'Exam moved' });
    expect(cancelled.body.status).toBe('cancelled');
    expect(await call(`/bookings/${meeting.tutor.bookingId}`, tutor, 'GET')).toMatchObject({ status: 'cancelled', cancelledBy: 'student' });
  });

  it('when someone who is not a party asks to sync a booking, then they learn nothing and nothing changes', async () => {
    const { owner, groupId, members, start } = await setting(1, 60);
    const meeting = (await bookTutor(groupId, owner, start, 'k')).body as { id: string; tutor: { bookingId: string } };
    const sync = (who: TestAccount) =>
      request(ctx.app).post(`/api/groups/${groupId}/tutor-sessions/${meeting.tutor.bookingId}/sync`).set(auth(who));
    expectError(await sync(members[0]!), 404, 'booking-not-found');
    expect((await sync(owner)).body.status).toBe('scheduled');
    expect((await request(ctx.app).get(`/api/groups/${groupId}/meetings/${meeting.id}`)).body.meeting.status).toBe('scheduled');
  });

  it('when the tutoring service is down, then booking answers 503 tutoring-unavailable and no meeting is made', async () => {
    const { owner, groupId, start } = await setting(0, 70);
    const working = ctx.deps.tutoring;
    ctx.deps.tutoring = httpTutoringSessions('http://127.0.0.1:9/api/tutoring');
    try {
      expectError(await bookTutor(groupId, owner, start, 'down'), 503, 'tutoring-unavailable');
    } finally {
      ctx.deps.tutoring = working;
    }
    expect((await request(ctx.app).get(`/api/groups/${groupId}/meetings`)).body.meetings).toEqual([]);
  });
});
