// Group sessions with a tutor against the real users, tutoring and groups services, each on its own port:
// groups books through tutoring's public API, and tutoring's outbox tells groups what became of each booking.
import request from 'supertest';
import { clientCredentials } from '@tutoring-platform/shared';
import { eventually } from '@tutoring-platform/testing';
import { httpTutoringSessions } from '../src/clients/tutoring-sessions';
import { startPlatform, type Platform } from './platform';
import { auth, expectError, type TestAccount } from './support';

let platform: Platform;
let tutor: TestAccount;
let courseId: string;
const call = (...args: Parameters<Platform['call']>) => platform.call(...args);
const setting = (...args: Parameters<Platform['setting']>) => platform.setting(...args);
const bookTutor = (...args: Parameters<Platform['bookTutor']>) => platform.bookTutor(...args);

beforeAll(async () => {
  platform = await startPlatform();
  ({ tutor, courseId } = platform);
}, 60_000);

afterAll(() => platform.close());

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
    const meetings = (await request(platform.ctx.app).get(`/api/groups/${groupId}/meetings`).set(auth(members[0]!))).body.meetings;
    expect(meetings.map((m: { tutor: { bookingId: string } }) => m.tutor.bookingId)).toEqual(
      [res.body.tutor.bookingId, created[0]!.body.tutor.bookingId].filter((b, i, all) => all.indexOf(b) === i),
    );
    // too many seats for this tutor: the tutoring service's own answer, and no meeting
    expectError(await bookTutor(groupId, owner, start, 'big', { seats: 7 }), 422, 'group-too-large');
    expectError(await bookTutor(groupId, members[0]!, start, 'member'), 403, 'managers-only');
    expectError(
      await request(platform.ctx.app).post(`/api/groups/${groupId}/tutor-sessions`).set(auth(owner)).send({}),
      400,
      'idempotency-key-required',
    );
    expectError(
      await request(platform.ctx.app)
        .post(`/api/groups/${groupId}/tutor-sessions`)
        .set(auth(owner))
        .set('Idempotency-Key', 'empty')
        .send({}),
      400,
      'validation-failed',
    );
  });

  it('when someone books the tutoring service directly for a group, then only its owner or a moderator may, for a real active group', async () => {
    const { owner, groupId, members, start } = await setting(1, 60);
    const direct = (who: TestAccount, group: string, at = start) =>
      fetch(`${platform.tutoring.baseUrl}/bookings`, {
        method: 'POST',
        headers: { ...auth(who), 'content-type': 'application/json', 'idempotency-key': `direct-${group}-${who.id}-${at}` },
        body: JSON.stringify({ tutorId: tutor.id, courseId, start: at, length: 60, seats: 2, groupId: group }),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as { error?: { code: string } } }));
    const member = await direct(members[0]!, groupId);
    expect([member.status, member.body.error?.code]).toEqual([403, 'group-managers-only']);
    const made = await direct(owner, '0b8f9d4e-1234-4abc-8def-0123456789ab');
    expect([made.status, made.body.error?.code]).toEqual([422, 'group-not-found']);
    expect((await direct(owner, groupId)).status).toBe(201);
    await request(platform.ctx.app).post(`/api/groups/${groupId}/archive`).set(auth(owner));
    const later = new Date(Date.parse(start) + 3_600_000).toISOString();
    const archived = await direct(owner, groupId, later);
    expect([archived.status, archived.body.error?.code]).toEqual([409, 'group-archived']);
  });

  it('when the tutor cancels the booking in the tutoring service, then the group’s meeting is cancelled too', async () => {
    const { owner, groupId, start } = await setting(1, 40);
    const meeting = (await bookTutor(groupId, owner, start, 'k')).body as { id: string; tutor: { bookingId: string } };
    await call(`/bookings/${meeting.tutor.bookingId}/cancel`, tutor, 'POST', { reason: 'I am ill' });
    const seen = await eventually(
      async () => (await request(platform.ctx.app).get(`/api/groups/${groupId}/meetings/${meeting.id}`)).body.meeting,
      (m) => m.status === 'cancelled',
    );
    expect(seen).toMatchObject({ status: 'cancelled', cancelReason: 'The tutor session was cancelled' });
  });

  it('when the organizer cancels the meeting, then the booking is cancelled in the tutoring service; a co-moderator may not', async () => {
    const { owner, groupId, members, start } = await setting(1, 50);
    const meeting = (await bookTutor(groupId, owner, start, 'k')).body as { id: string; tutor: { bookingId: string } };
    const moderator = members[0]!;
    // its time follows the booking: only its title and agenda change in the group
    const edit = (body: object) =>
      request(platform.ctx.app).patch(`/api/groups/${groupId}/meetings/${meeting.id}`).set(auth(owner)).send(body);
    expectError(await edit({ startsAt: new Date(Date.parse(start) + 3_600_000).toISOString() }), 409, 'tutor-session-fixed');
    expect((await edit({ agenda: 'Chapter 4' })).body).toMatchObject({ agenda: 'Chapter 4' });
    await request(platform.ctx.app).put(`/api/groups/${groupId}/members/${moderator.id}/role`).set(auth(owner)).send({ role: 'moderator' });
    expectError(
      await request(platform.ctx.app).post(`/api/groups/${groupId}/meetings/${meeting.id}/cancel`).set(auth(moderator)),
      403,
      'organizer-only',
    );
    const cancelled = await request(platform.ctx.app)
      .post(`/api/groups/${groupId}/meetings/${meeting.id}/cancel`)
      .set(auth(owner))
      .send({ reason: 'Exam moved' });
    expect(cancelled.body.status).toBe('cancelled');
    expect(await call(`/bookings/${meeting.tutor.bookingId}`, tutor, 'GET')).toMatchObject({ status: 'cancelled', cancelledBy: 'student' });
  });

  it('when the tutoring service is down, then booking answers 503 dependency-unavailable with Retry-After and no meeting is made', async () => {
    const { owner, groupId, start } = await setting(0, 70);
    const working = platform.ctx.deps.tutoring;
    platform.ctx.deps.tutoring = httpTutoringSessions('http://127.0.0.1:9/api/tutoring');
    try {
      const answer = await bookTutor(groupId, owner, start, 'down');
      expectError(answer, 503, 'dependency-unavailable');
      expect(answer.headers['retry-after']).toBe('2');
    } finally {
      platform.ctx.deps.tutoring = working;
    }
    expect((await request(platform.ctx.app).get(`/api/groups/${groupId}/meetings`)).body.meetings).toEqual([]);
  });
});

describe('a group session’s meeting follows its booking, through the tutoring service’s outbox', () => {
  type Meeting = { id: string; status: string; cancelReason: string | null; startsAt: string; tutor: { bookingId: string } };
  const meetingOf = async (groupId: string, meetingId: string) =>
    (await request(platform.ctx.app).get(`/api/groups/${groupId}/meetings/${meetingId}`)).body.meeting as Meeting;
  const cancelledSoon = (groupId: string, meetingId: string) =>
    eventually(
      () => meetingOf(groupId, meetingId),
      (m) => m.status === 'cancelled',
    );
  /** The group session booked with `tutorId`, as its meeting. */
  async function groupSession(hoursAhead: number, tutorId = tutor.id) {
    const { owner, groupId, start } = await setting(1, hoursAhead, tutorId);
    const res = await bookTutor(groupId, owner, start, `k-${hoursAhead}`, { tutorId });
    expect(res.status).toBe(201);
    return { owner, groupId, start, meeting: res.body as Meeting };
  }
  const outboxRows = async (bookingId: string) =>
    (
      await platform.tutoring.pool.query<{
        id: string;
        type: string;
        data: Record<string, unknown>;
        attempts: number;
        outcome: string | null;
      }>(`SELECT id, type, data, attempts, outcome FROM outbox WHERE destination = 'groups' AND data->>'bookingId' = $1 ORDER BY id`, [
        bookingId,
      ])
    ).rows;
  const serviceToken = () => clientCredentials(platform.users.baseUrl, 'tutoring', platform.users.clientSecret('tutoring')).get();
  const sendToGroups = async (token: string | null, body: unknown) =>
    request(platform.ctx.app)
      .post('/api/groups/events')
      .set(token ? { Authorization: `Bearer ${token}` } : {})
      .send(body as object);

  it('when the tutor declines the request, then the meeting is cancelled as declined', async () => {
    const handsOn = await platform.newTutor({ autoAccept: false });
    const { groupId, meeting } = await groupSession(20, handsOn.id);
    expect((await call(`/bookings/${meeting.tutor.bookingId}`, handsOn, 'GET')).status).toBe('pending');
    await call(`/bookings/${meeting.tutor.bookingId}/decline`, handsOn, 'POST', { reason: 'Fully booked that week' });
    expect(await cancelledSoon(groupId, meeting.id)).toMatchObject({ status: 'cancelled', cancelReason: 'The tutor session was declined' });
  });

  it('when the organizer cancels in the tutoring service itself, then the meeting is cancelled too', async () => {
    const { owner, groupId, meeting } = await groupSession(80);
    await call(`/bookings/${meeting.tutor.bookingId}/cancel`, owner, 'POST', { reason: 'Exam moved' });
    expect(await cancelledSoon(groupId, meeting.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'The tutor session was cancelled',
    });
  });

  it('when the tutor reschedules, then the meeting moves to the new time and follows the new booking from then on', async () => {
    const { groupId, start, meeting } = await groupSession(24);
    const later = new Date(Date.parse(start) + 2 * 3_600_000).toISOString();
    const moved = await call(`/bookings/${meeting.tutor.bookingId}/reschedule`, tutor, 'POST', { start: later });
    const seen = await eventually(
      () => meetingOf(groupId, meeting.id),
      (m) => m.startsAt === later,
    );
    expect(seen).toMatchObject({ status: 'scheduled', startsAt: later, tutor: { bookingId: moved.id } });
    // the successor's own cancellation reaches the same meeting
    await call(`/bookings/${moved.id as string}/cancel`, tutor, 'POST', { reason: 'Ill' });
    expect(await cancelledSoon(groupId, meeting.id)).toMatchObject({ status: 'cancelled', startsAt: later });
  });

  it('when an unanswered request expires, then the meeting is cancelled as expired', async () => {
    const handsOn = await platform.newTutor({ autoAccept: false });
    const { groupId, meeting } = await groupSession(26, handsOn.id);
    // the tutor's time to answer runs out
    await platform.tutoring.pool.query(`UPDATE bookings SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      meeting.tutor.bookingId,
    ]);
    expect(await platform.tutoring.deps.bookings.expireStale()).toBeGreaterThanOrEqual(1);
    expect(await cancelledSoon(groupId, meeting.id)).toMatchObject({ status: 'cancelled', cancelReason: 'The tutor session was expired' });
  });

  it('when the tutor or the organizer is suspended, then their upcoming sessions are cancelled with the reason and the meetings follow', async () => {
    const admin = await platform.users.signUpAdmin();
    const suspend = (who: TestAccount) =>
      fetch(`${platform.users.baseUrl}/admin/users/${who.id}/suspend`, {
        method: 'POST',
        headers: { ...auth(admin), 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'Harassment reports' }),
      }).then((res) => expect(res.status).toBe(200));

    const suspendedTutor = await platform.newTutor({ autoAccept: true });
    const first = await groupSession(28, suspendedTutor.id);
    const second = await groupSession(30, suspendedTutor.id);
    const organizers = await groupSession(32);
    await suspend(suspendedTutor);
    await suspend(organizers.owner);
    for (const { groupId, meeting } of [first, second, organizers]) {
      expect(await cancelledSoon(groupId, meeting.id)).toMatchObject({ status: 'cancelled' });
    }
    // the booking says why, to the party still here
    expect(await call(`/bookings/${first.meeting.tutor.bookingId}`, first.owner, 'GET')).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'platform',
      cancelReason: 'An account in this session was suspended',
    });
    expect(await call(`/bookings/${organizers.meeting.tutor.bookingId}`, tutor, 'GET')).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'platform',
    });
  });

  it('when an event arrives again, or an older one arrives late, then nothing changes; only the tutoring service may send them', async () => {
    const { groupId, start, meeting } = await groupSession(34);
    const later = new Date(Date.parse(start) + 3_600_000).toISOString();
    await call(`/bookings/${meeting.tutor.bookingId}/reschedule`, tutor, 'POST', { start: later });
    await eventually(
      () => meetingOf(groupId, meeting.id),
      (m) => m.startsAt === later,
    );
    // the relay records the outcome once groups has answered, a moment after the meeting changed
    const [event] = await eventually(
      () => outboxRows(meeting.tutor.bookingId),
      ([row]) => row?.outcome === 'delivered',
    );
    expect(event).toMatchObject({ type: 'group-session-changed', outcome: 'delivered' });
    const envelope = { id: Number(event!.id), source: 'tutoring', type: event!.type, time: new Date().toISOString(), data: event!.data };
    const token = await serviceToken();
    expect((await sendToGroups(token, envelope)).body).toEqual({ applied: false });
    // an older event saying the booking was cancelled: the meeting already follows a newer one
    const older = { ...envelope, id: envelope.id - 1, data: { ...event!.data, status: 'cancelled', rescheduledTo: null } };
    expect((await sendToGroups(token, older)).body).toEqual({ applied: false });
    expect(await meetingOf(groupId, meeting.id)).toMatchObject({ status: 'scheduled', startsAt: later });

    const student = await platform.users.signUp();
    expectError(await sendToGroups(student.accessToken, envelope), 403, 'forbidden');
    expectError(await sendToGroups(null, envelope), 401, 'authentication-required');
    // a service token is no person: it opens no person's routes
    expectError(
      await request(platform.ctx.app)
        .get('/api/groups/mine')
        .set({ Authorization: `Bearer ${token}` }),
      401,
      'authentication-required',
    );
    const suspension = { id: 1, source: 'users', type: 'account-suspended', time: new Date().toISOString(), data: { userId: student.id } };
    const asTutoring = await fetch(`${platform.tutoring.baseUrl}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(suspension),
    });
    expect([asTutoring.status, ((await asTutoring.json()) as { error: { code: string } }).error.code]).toEqual([403, 'forbidden']);
  });
});

describe('when the groups service is down for a minute', () => {
  it('then a cancellation made meanwhile waits in the outbox, is retried with backoff, and reaches the meeting once groups is back', async () => {
    const { owner, groupId, start } = await setting(0, 36);
    const meeting = (await bookTutor(groupId, owner, start, 'outage')).body as { id: string; tutor: { bookingId: string } };
    const meetingNow = async () => (await request(platform.ctx.app).get(`/api/groups/${groupId}/meetings/${meeting.id}`)).body.meeting;
    const attempts = async () =>
      (
        await platform.tutoring.pool.query<{ attempts: number }>(
          `SELECT attempts FROM outbox WHERE destination = 'groups' AND data->>'bookingId' = $1`,
          [meeting.tutor.bookingId],
        )
      ).rows[0]?.attempts ?? 0;

    await platform.stopGroups();
    const downAt = Date.now();
    await call(`/bookings/${meeting.tutor.bookingId}/cancel`, tutor, 'POST', { reason: 'Fever' });
    await new Promise((r) => setTimeout(r, 60_000 - (Date.now() - downAt)));
    // a minute of refused connections: tried again and again, never applied
    expect(await attempts()).toBeGreaterThanOrEqual(5);
    expect((await meetingNow()).status).toBe('scheduled');

    await platform.startGroups();
    const seen = await eventually(meetingNow, (m) => m.status === 'cancelled');
    expect(seen).toMatchObject({ status: 'cancelled', cancelReason: 'The tutor session was cancelled' });
    const outcomes = async () =>
      (
        await platform.tutoring.pool.query<{ outcome: string | null }>(
          `SELECT outcome FROM outbox WHERE destination = 'groups' AND data->>'bookingId' = $1`,
          [meeting.tutor.bookingId],
        )
      ).rows;
    // recorded once groups has answered the delivery, a moment after the meeting changed
    expect(await eventually(outcomes, (rows) => rows[0]?.outcome === 'delivered')).toEqual([{ outcome: 'delivered' }]);
  }, 90_000);
});
