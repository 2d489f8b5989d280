import request from 'supertest';
import {
  allDayEveryDay,
  auth,
  book,
  createTestContext,
  expectError,
  newKey,
  openSlots,
  setUpTutor,
  type TestAccount,
  type TestContext,
} from './support';

let ctx: TestContext;
let admin: TestAccount;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.users.signUpAdmin();
});
afterAll(() => ctx.close());

const HOUR = 3_600_000;
const later = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms).toISOString();

describe('POST /api/tutoring/bookings', () => {
  it('when a student books an open slot of an auto-accepting tutor, then 201 confirmed and the slot disappears', async () => {
    const setup = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp('Sam Student');
    const [slot] = await openSlots(ctx, setup);
    const res = await book(ctx, student, setup, slot!, { message: 'Help with recursion' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      tutorId: setup.tutor.id,
      studentId: student.id,
      courseId: setup.courseId,
      status: 'confirmed',
      start: slot,
      lengthMinutes: 60,
      message: 'Help with recursion',
      seats: 1,
    });
    expect(await openSlots(ctx, setup)).not.toContain(slot);
  });

  it('when a session is booked, then both parties see where it happens, in the list as alone, until it is cancelled', async () => {
    const setup = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp();
    const stranger = await ctx.users.signUp();
    const [slot] = await openSlots(ctx, setup);
    const booked = await book(ctx, student, setup, slot!, {});
    expect(booked.body.place).toBe('https://meet.example.test/tara');
    for (const who of [student, setup.tutor]) {
      const alone = await request(ctx.app).get(`/api/tutoring/bookings/${booked.body.id}`).set(auth(who));
      const listed = await request(ctx.app).get('/api/tutoring/bookings').set(auth(who));
      expect(alone.body.place).toBe('https://meet.example.test/tara');
      expect(listed.body.bookings.find((b: { id: string }) => b.id === booked.body.id)).toEqual(alone.body);
    }
    expectError(await request(ctx.app).get(`/api/tutoring/bookings/${booked.body.id}`).set(auth(stranger)), 404, 'booking-not-found');
    const cancelled = await request(ctx.app)
      .post(`/api/tutoring/bookings/${booked.body.id}/cancel`)
      .set(auth(setup.tutor))
      .send({ reason: 'Ill' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.place).toBeNull();
  });

  it('when the student has not confirmed their email, then 403 email-not-verified and nothing is booked; neither can they tutor', async () => {
    const setup = await setUpTutor(ctx, admin);
    const unconfirmed = await ctx.users.signUp('Una Unconfirmed', 'UTC', { verified: false });
    const [slot] = await openSlots(ctx, setup);
    expectError(await book(ctx, unconfirmed, setup, slot!), 403, 'email-not-verified');
    expect(await openSlots(ctx, setup)).toContain(slot);
    const tutoring = await request(ctx.app)
      .put('/api/tutoring/tutors/me')
      .set(auth(unconfirmed))
      .send({
        headline: 'Calculus help',
        languages: ['en'],
        courseIds: [setup.courseId],
        online: { meetingLink: 'https://meet.example.test/una' },
      });
    expectError(tutoring, 403, 'email-not-verified');
    expectError(await request(ctx.app).get('/api/tutoring/tutors/me').set(auth(unconfirmed)), 404, 'tutor-not-found');
  });

  it('when the Idempotency-Key header is missing, then 400 and nothing is booked', async () => {
    const setup = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp();
    const [slot] = await openSlots(ctx, setup);
    const res = await request(ctx.app)
      .post('/api/tutoring/bookings')
      .set(auth(student))
      .send({ tutorId: setup.tutor.id, courseId: setup.courseId, start: slot, length: 60 });
    expectError(res, 400, 'idempotency-key-required');
    expect(await openSlots(ctx, setup)).toContain(slot);
  });

  it('when the same key is replayed, then the original 201 and body come back and no second booking is made', async () => {
    const setup = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp();
    const [slot] = await openSlots(ctx, setup);
    const key = newKey();
    const first = await book(ctx, student, setup, slot!, {}, key);
    const again = await book(ctx, student, setup, slot!, {}, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const mine = await request(ctx.app).get('/api/tutoring/bookings').set(auth(student));
    expect(mine.body.bookings).toHaveLength(1);
  });

  it('when the same key comes with a different payload, then 422 and nothing new is booked', async () => {
    const setup = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp();
    const [a, b] = await openSlots(ctx, setup);
    const key = newKey();
    await book(ctx, student, setup, a!, {}, key);
    expectError(await book(ctx, student, setup, b!, {}, key), 422, 'idempotency-key-reused');
    expect(await openSlots(ctx, setup)).toContain(b);
  });

  it('when another student used the same key, then it is a different key (keys are per user)', async () => {
    const setup = await setUpTutor(ctx, admin);
    const [a, b] = await openSlots(ctx, setup);
    const key = newKey();
    expect((await book(ctx, await ctx.users.signUp(), setup, a!, {}, key)).status).toBe(201);
    expect((await book(ctx, await ctx.users.signUp(), setup, b!, {}, key)).status).toBe(201);
  });

  it('when the slot is taken, then 409 slot-taken; when outside the rules, then 422 slot-unavailable', async () => {
    const setup = await setUpTutor(ctx, admin, { availability: { bufferAfterMinutes: 30 } });
    // 60-minute slots step 90 minutes and 30-minute ones 60: find a booked hour with a 30-minute slot right after it
    const short = await openSlots(ctx, setup, 30);
    const first = (await openSlots(ctx, setup)).find((start) => short.includes(later(start, HOUR)));
    expect((await book(ctx, await ctx.users.signUp(), setup, first!)).status).toBe(201);
    expectError(await book(ctx, await ctx.users.signUp(), setup, first!), 409, 'slot-taken');
    // that 30-minute slot starts inside the first booking's 30-minute after-buffer
    expectError(await book(ctx, await ctx.users.signUp(), setup, later(first!, HOUR), { length: 30 }), 409, 'slot-taken');
    // not on the tutor's grid, in the past, beyond the horizon
    expectError(await book(ctx, await ctx.users.signUp(), setup, later(first!, 15 * 60_000)), 422, 'slot-unavailable');
    expectError(await book(ctx, await ctx.users.signUp(), setup, later(first!, -48 * HOUR)), 422, 'slot-unavailable');
    expectError(await book(ctx, await ctx.users.signUp(), setup, later(first!, 400 * 24 * HOUR)), 422, 'slot-unavailable');
  });

  it('when a student already has a session at that time with another tutor, then 409 student-double-booked', async () => {
    const one = await setUpTutor(ctx, admin);
    const two = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp();
    const [slot] = await openSlots(ctx, one);
    expect((await book(ctx, student, one, slot!)).status).toBe(201);
    expectError(await book(ctx, student, two, slot!), 409, 'student-double-booked');
  });

  it('when the student reached the weekly cap with this tutor, then 422 weekly-cap-reached', async () => {
    const setup = await setUpTutor(ctx, admin, { availability: { studentWeeklyCapMinutes: 60 } });
    const student = await ctx.users.signUp();
    const day = new Date(Date.now() + 24 * HOUR).toISOString().slice(0, 10);
    const tomorrow = (await openSlots(ctx, setup, 60, 3)).filter((s) => s.startsWith(day));
    expect((await book(ctx, student, setup, tomorrow[0]!)).status).toBe(201);
    expectError(await book(ctx, student, setup, tomorrow[3]!), 422, 'weekly-cap-reached');
    // the cap is per student: another student books the same hour
    expect((await book(ctx, await ctx.users.signUp(), setup, tomorrow[3]!)).status).toBe(201);
  });

  it('when the day already has its maximum of sessions, then further bookings that day are refused', async () => {
    const setup = await setUpTutor(ctx, admin, { availability: { maxSessionsPerDay: 1, minNoticeMinutes: 0 } });
    const tomorrow = new Date(Date.now() + 24 * HOUR);
    const day = tomorrow.toISOString().slice(0, 10);
    const slots = (await openSlots(ctx, setup, 60, 3)).filter((s) => s.startsWith(day));
    expect((await book(ctx, await ctx.users.signUp(), setup, slots[0]!)).status).toBe(201);
    expectError(await book(ctx, await ctx.users.signUp(), setup, slots[5]!), 409, 'slot-taken');
  });

  it.each([
    ['their own slot', 'self'],
    ['a course the tutor was not approved for', 'course'],
    ['a length the tutor does not offer', 'length'],
    ['in person from an online-only tutor', 'mode'],
    ['several seats without a group', 'seats'],
  ])('when a booking asks for %s, then it is refused', async (_label, kind) => {
    const setup = await setUpTutor(ctx, admin, { profile: { maxGroupSize: 3 } });
    const [slot] = await openSlots(ctx, setup);
    const student = kind === 'self' ? setup.tutor : await ctx.users.signUp();
    const extra: Record<string, Record<string, unknown>> = {
      self: {},
      course: { courseId: '0b8f9d4e-1234-4abc-8def-0123456789ab' },
      length: { length: 45 },
      mode: { mode: 'in_person' },
      seats: { seats: 2 },
    };
    const codes: Record<string, string> = {
      self: 'cannot-book-self',
      course: 'course-not-offered',
      length: 'length-not-offered',
      mode: 'mode-not-offered',
      seats: 'group-required',
    };
    expectError(await book(ctx, student, setup, slot!, extra[kind]), 422, codes[kind]!);
    expect(await openSlots(ctx, setup)).toContain(slot);
  });

  it('when a booking names a group, then only the groups service can vouch for it: not a group id is 400, groups unreachable is 503', async () => {
    const setup = await setUpTutor(ctx, admin, { profile: { maxGroupSize: 5 } });
    const [slot] = await openSlots(ctx, setup);
    const student = await ctx.users.signUp();
    expectError(await book(ctx, student, setup, slot!, { seats: 4, groupId: 'study-group-42' }), 400, 'validation-failed');
    // this test's groups service address has nothing listening
    const res = await book(ctx, student, setup, slot!, { seats: 4, groupId: '0b8f9d4e-1234-4abc-8def-0123456789ab' });
    expectError(res, 503, 'dependency-unavailable');
    expect(res.headers['retry-after']).toBe('2');
    expect(await openSlots(ctx, setup)).toContain(slot);
  });

  it('when anonymous, then 401; when the tutor does not exist, then 404', async () => {
    const setup = await setUpTutor(ctx, admin);
    const [slot] = await openSlots(ctx, setup);
    expectError(
      await request(ctx.app)
        .post('/api/tutoring/bookings')
        .set('Idempotency-Key', newKey())
        .send({ tutorId: setup.tutor.id, courseId: setup.courseId, start: slot, length: 60 }),
      401,
      'authentication-required',
    );
    expectError(
      await book(ctx, await ctx.users.signUp(), { ...setup, tutor: { ...setup.tutor, id: '0b8f9d4e-1234-4abc-8def-0123456789ab' } }, slot!),
      404,
      'tutor-not-found',
    );
  });
});

describe('the booking lifecycle', () => {
  async function pendingBooking() {
    const setup = await setUpTutor(ctx, admin, { profile: { autoAccept: false } });
    const student = await ctx.users.signUp();
    const [slot] = await openSlots(ctx, setup);
    const res = await book(ctx, student, setup, slot!);
    expect(res.body.status).toBe('pending');
    expect(new Date(res.body.expiresAt).getTime()).toBeLessThanOrEqual(new Date(slot!).getTime());
    return { setup, student, slot: slot!, booking: res.body as { id: string } };
  }

  it('when a tutor must confirm, then the request is pending, holds the slot, and only the tutor can confirm it', async () => {
    const { setup, student, slot, booking } = await pendingBooking();
    expect(await openSlots(ctx, setup)).not.toContain(slot);
    expectError(await request(ctx.app).post(`/api/tutoring/bookings/${booking.id}/confirm`).set(auth(student)), 403, 'tutor-only');
    const confirmed = await request(ctx.app).post(`/api/tutoring/bookings/${booking.id}/confirm`).set(auth(setup.tutor));
    expect(confirmed.body).toMatchObject({ status: 'confirmed', expiresAt: null });
    expectError(
      await request(ctx.app).post(`/api/tutoring/bookings/${booking.id}/confirm`).set(auth(setup.tutor)),
      409,
      'invalid-transition',
    );
  });

  it('when the tutor declines, then the slot is free again', async () => {
    const { setup, slot, booking } = await pendingBooking();
    const declined = await request(ctx.app)
      .post(`/api/tutoring/bookings/${booking.id}/decline`)
      .set(auth(setup.tutor))
      .send({ reason: 'Away that day' });
    expect(declined.body).toMatchObject({ status: 'declined', cancelReason: 'Away that day' });
    expect(await openSlots(ctx, setup)).toContain(slot);
  });

  it('when a pending request passes its deadline, then the slot frees at once and the sweep marks it expired', async () => {
    const { setup, slot, booking } = await pendingBooking();
    await ctx.pool.query(`UPDATE bookings SET expires_at = now() - interval '1 second' WHERE id = $1`, [booking.id]);
    expect(await openSlots(ctx, setup)).toContain(slot);
    expect(await ctx.deps.bookings.expireStale()).toBeGreaterThanOrEqual(1);
    const after = await request(ctx.app).get(`/api/tutoring/bookings/${booking.id}`).set(auth(setup.tutor));
    expect(after.body.status).toBe('expired');
    expectError(
      await request(ctx.app).post(`/api/tutoring/bookings/${booking.id}/confirm`).set(auth(setup.tutor)),
      409,
      'invalid-transition',
    );
  });

  it('when the student cancels before the window, then it is cancelled; inside the window, then 409', async () => {
    const setup = await setUpTutor(ctx, admin, { profile: { cancellationWindowHours: 24 } });
    const student = await ctx.users.signUp();
    const slots = await openSlots(ctx, setup, 60, 3);
    const soon = slots[2]!; // within 24 h
    const far = slots.at(-1)!; // beyond 24 h
    const near = (await book(ctx, student, setup, soon)).body;
    const distant = (await book(ctx, student, setup, far)).body;
    expectError(
      await request(ctx.app).post(`/api/tutoring/bookings/${near.id}/cancel`).set(auth(student)),
      409,
      'cancellation-window-passed',
    );
    const cancelled = await request(ctx.app)
      .post(`/api/tutoring/bookings/${distant.id}/cancel`)
      .set(auth(student))
      .send({ reason: 'Exam moved' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBy: 'student', cancelReason: 'Exam moved' });
    expect(await openSlots(ctx, setup, 60, 3)).toContain(far);
  });

  it('when the tutor cancels, then a reason is required, and any time before the start works', async () => {
    const setup = await setUpTutor(ctx, admin, { profile: { cancellationWindowHours: 48 } });
    const [slot] = await openSlots(ctx, setup);
    const booking = (await book(ctx, await ctx.users.signUp(), setup, slot!)).body;
    expectError(await request(ctx.app).post(`/api/tutoring/bookings/${booking.id}/cancel`).set(auth(setup.tutor)), 400, 'reason-required');
    const cancelled = await request(ctx.app)
      .post(`/api/tutoring/bookings/${booking.id}/cancel`)
      .set(auth(setup.tutor))
      .send({ reason: 'Ill' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBy: 'tutor', cancelReason: 'Ill' });
  });

  it('when a session has started, then the tutor records completed or no-show; never before it starts', async () => {
    const setup = await setUpTutor(ctx, admin);
    const slots = await openSlots(ctx, setup);
    const a = (await book(ctx, await ctx.users.signUp(), setup, slots[0]!)).body;
    const b = (await book(ctx, await ctx.users.signUp(), setup, slots[2]!)).body;
    expectError(await request(ctx.app).post(`/api/tutoring/bookings/${a.id}/complete`).set(auth(setup.tutor)), 409, 'session-not-started');
    const afterwards = ctx.at(() => new Date(new Date(slots[2]!).getTime() + 2 * HOUR));
    expect((await request(afterwards).post(`/api/tutoring/bookings/${a.id}/complete`).set(auth(setup.tutor))).body.status).toBe(
      'completed',
    );
    expect((await request(afterwards).post(`/api/tutoring/bookings/${b.id}/no-show`).set(auth(setup.tutor))).body.status).toBe('no_show');
    expectError(
      await request(afterwards).post(`/api/tutoring/bookings/${a.id}/cancel`).set(auth(setup.tutor)).send({ reason: 'x' }),
      409,
      'session-started',
    );
  });

  it('when the tutor writes notes, then the student reads them; the student cannot write them', async () => {
    const setup = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp();
    const [slot] = await openSlots(ctx, setup);
    const booking = (await book(ctx, student, setup, slot!)).body;
    expectError(
      await request(ctx.app).put(`/api/tutoring/bookings/${booking.id}/notes`).set(auth(student)).send({ notes: 'mine' }),
      403,
      'tutor-only',
    );
    await request(ctx.app)
      .put(`/api/tutoring/bookings/${booking.id}/notes`)
      .set(auth(setup.tutor))
      .send({ notes: 'Practise tail recursion' });
    expect((await request(ctx.app).get(`/api/tutoring/bookings/${booking.id}`).set(auth(student))).body.tutorNotes).toBe(
      'Practise tail recursion',
    );
  });
});

describe('rescheduling', () => {
  it('when the new time is free, then the old booking is cancelled and a new one holds the new time', async () => {
    const setup = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp();
    const [a, , c] = await openSlots(ctx, setup, 60, 3).then((s) => s.slice(-3));
    const original = (await book(ctx, student, setup, a!)).body;
    const moved = await request(ctx.app).post(`/api/tutoring/bookings/${original.id}/reschedule`).set(auth(student)).send({ start: c });
    expect(moved.status).toBe(201);
    expect(moved.body).toMatchObject({ start: c, status: 'confirmed', rescheduledFrom: original.id });
    expect((await request(ctx.app).get(`/api/tutoring/bookings/${original.id}`).set(auth(student))).body).toMatchObject({
      status: 'cancelled',
      cancelReason: 'rescheduled',
    });
    const free = await openSlots(ctx, setup, 60, 3);
    expect(free).toContain(a);
    expect(free).not.toContain(c);
  });

  it('when the new time is taken, then 409 and the original booking stays exactly as it was', async () => {
    const setup = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp();
    const slots = (await openSlots(ctx, setup, 60, 3)).slice(-3);
    const original = (await book(ctx, student, setup, slots[0]!)).body;
    await book(ctx, await ctx.users.signUp(), setup, slots[2]!);
    expectError(
      await request(ctx.app).post(`/api/tutoring/bookings/${original.id}/reschedule`).set(auth(student)).send({ start: slots[2] }),
      409,
      'slot-taken',
    );
    const unchanged = await request(ctx.app).get(`/api/tutoring/bookings/${original.id}`).set(auth(student));
    expect(unchanged.body).toEqual(original);
  });

  it('when moved to an adjacent time that overlaps only its own old block, then that is allowed', async () => {
    const setup = await setUpTutor(ctx, admin, { availability: { bufferAfterMinutes: 30 } });
    const student = await ctx.users.signUp();
    const start = (await openSlots(ctx, setup, 60, 3)).slice(-4).find((slot) => new Date(slot).getUTCMinutes() === 0);
    const original = (await book(ctx, student, setup, start!)).body;
    // the booking keeps the 30-minute buffer it was made with; without buffers now, the next hour is on the grid
    const rules = await request(ctx.app)
      .put('/api/tutoring/tutors/me/availability')
      .set(auth(setup.tutor))
      .send({ timezone: 'UTC', weekly: allDayEveryDay, minNoticeMinutes: 0 });
    expect(rules.status).toBe(200);
    const moved = await request(ctx.app)
      .post(`/api/tutoring/bookings/${original.id}/reschedule`)
      .set(auth(student))
      .send({ start: later(start!, HOUR) });
    expect(moved.status).toBe(201);
  });
});

describe('who can see and change a booking', () => {
  it('when another student, another tutor or anonymous asks, then the booking does not exist for them', async () => {
    const setup = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp();
    const [slot] = await openSlots(ctx, setup);
    const booking = (await book(ctx, student, setup, slot!)).body;
    const outsider = await ctx.users.signUp();
    const otherTutor = (await setUpTutor(ctx, admin)).tutor;
    for (const who of [outsider, otherTutor, admin]) {
      expectError(await request(ctx.app).get(`/api/tutoring/bookings/${booking.id}`).set(auth(who)), 404, 'booking-not-found');
      for (const action of ['confirm', 'decline', 'cancel', 'complete', 'no-show']) {
        expectError(
          await request(ctx.app).post(`/api/tutoring/bookings/${booking.id}/${action}`).set(auth(who)).send({ reason: 'x' }),
          404,
          'booking-not-found',
        );
      }
      expectError(
        await request(ctx.app).post(`/api/tutoring/bookings/${booking.id}/reschedule`).set(auth(who)).send({ start: slot }),
        404,
        'booking-not-found',
      );
      expectError(
        await request(ctx.app).put(`/api/tutoring/bookings/${booking.id}/notes`).set(auth(who)).send({ notes: 'x' }),
        404,
        'booking-not-found',
      );
      const theirs = await request(ctx.app).get('/api/tutoring/bookings').set(auth(who));
      expect(theirs.body.bookings.map((b: { id: string }) => b.id)).not.toContain(booking.id);
    }
    for (const path of [
      `/api/tutoring/bookings/${booking.id}`,
      '/api/tutoring/bookings',
      `/api/tutoring/bookings/${booking.id}/calendar.ics`,
    ]) {
      expectError(await request(ctx.app).get(path), 401, 'authentication-required');
    }
    for (const action of ['confirm', 'decline', 'cancel', 'complete', 'no-show', 'reschedule', 'review']) {
      expectError(
        await request(ctx.app).post(`/api/tutoring/bookings/${booking.id}/${action}`).send({ start: slot, rating: 5 }),
        401,
        'authentication-required',
      );
    }
    for (const path of ['notes', 'review', 'review/reply']) {
      expectError(await request(ctx.app).put(`/api/tutoring/bookings/${booking.id}/${path}`).send({}), 401, 'authentication-required');
    }
    const still = await request(ctx.app).get(`/api/tutoring/bookings/${booking.id}`).set(auth(student));
    expect(still.body.status).toBe('confirmed');
  });

  it('when listing, then each party sees the booking in their role, upcoming first, paginated', async () => {
    const setup = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp();
    const slots = await openSlots(ctx, setup);
    const ids: string[] = [];
    for (const slot of slots.slice(0, 5)) ids.push((await book(ctx, student, setup, slot)).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await request(ctx.app)
        .get('/api/tutoring/bookings')
        .query({ as: 'student', limit: 2, ...(cursor ? { cursor } : {}) })
        .set(auth(student));
      seen.push(...page.body.bookings.map((b: { id: string }) => b.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    const asTutor = await request(ctx.app).get('/api/tutoring/bookings').query({ as: 'tutor' }).set(auth(setup.tutor));
    expect(asTutor.body.bookings.map((b: { id: string }) => b.id)).toEqual(ids);
    expect((await request(ctx.app).get('/api/tutoring/bookings').query({ as: 'tutor' }).set(auth(student))).body.bookings).toEqual([]);
    expect((await request(ctx.app).get('/api/tutoring/bookings').query({ when: 'past' }).set(auth(student))).body.bookings).toEqual([]);
  });
});
