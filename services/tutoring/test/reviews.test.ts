import request from 'supertest';
import {
  auth,
  book,
  createTestContext,
  expectError,
  openSlots,
  setUpTutor,
  type TestAccount,
  type TestContext,
  type TutorSetup,
} from './support';

let ctx: TestContext;
let admin: TestAccount;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.users.signUpAdmin();
});
afterAll(() => ctx.close());

const DAY = 86_400_000;

/** A session booked and marked completed by its tutor (with the clock moved past its start). */
async function completedSession(setup: TutorSetup, student: TestAccount, slotIndex = 0) {
  const slots = await openSlots(ctx, setup);
  const booking = (await book(ctx, student, setup, slots[slotIndex]!)).body as { id: string; start: string };
  const after = ctx.at(() => new Date(new Date(booking.start).getTime() + 2 * 3_600_000));
  const done = await request(after).post(`/api/tutoring/bookings/${booking.id}/complete`).set(auth(setup.tutor));
  expect(done.body.status).toBe('completed');
  return booking;
}

describe('sessions awaiting a review', () => {
  it('when a student attended sessions, then the unreviewed ones await their review, and nobody else sees them', async () => {
    const setup = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp();
    const first = await completedSession(setup, student, 0);
    const second = await completedSession(setup, student, 2);
    const awaiting = (who: TestAccount) => request(ctx.app).get('/api/tutoring/reviews/awaiting').set(auth(who));
    // latest first, shaped like any booking the student reads
    const before = await awaiting(student);
    expect(before.body.bookings.map((b: { id: string }) => b.id)).toEqual([second.id, first.id]);
    expect(before.body.bookings[0]).toEqual((await request(ctx.app).get(`/api/tutoring/bookings/${second.id}`).set(auth(student))).body);

    await request(ctx.app).post(`/api/tutoring/bookings/${second.id}/review`).set(auth(student)).send({ rating: 5 });
    expect((await awaiting(student)).body.bookings.map((b: { id: string }) => b.id)).toEqual([first.id]);
    // the tutor and other students have nothing to review here
    expect((await awaiting(setup.tutor)).body).toEqual({ bookings: [] });
    expect((await awaiting(await ctx.users.signUp())).body).toEqual({ bookings: [] });
    expectError(await request(ctx.app).get('/api/tutoring/reviews/awaiting'), 401, 'authentication-required');
  });
});

describe('a tutor’s track record', () => {
  it('when a tutor answers requests and teaches, then the profile and the search card show sessions taught and the average answer time', async () => {
    const setup = await setUpTutor(ctx, admin, { profile: { autoAccept: false } });
    const fresh = (await request(ctx.app).get(`/api/tutoring/tutors/${setup.tutor.id}`)).body;
    expect({ taught: fresh.sessionsTaught, answer: fresh.responseMinutes }).toEqual({ taught: 0, answer: null });

    const slots = await openSlots(ctx, setup);
    const answered = async (slot: string, action: 'confirm' | 'decline', afterMinutes: number) => {
      const booking = (await book(ctx, await ctx.users.signUp(), setup, slot)).body as { id: string; start: string; createdAt: string };
      const later = ctx.at(() => new Date(new Date(booking.createdAt).getTime() + afterMinutes * 60_000));
      expect((await request(later).post(`/api/tutoring/bookings/${booking.id}/${action}`).set(auth(setup.tutor))).status).toBe(200);
      return booking;
    };
    const taught = await answered(slots[1]!, 'confirm', 30);
    await answered(slots[3]!, 'decline', 90);
    const after = ctx.at(() => new Date(new Date(taught.start).getTime() + 2 * 3_600_000));
    expect((await request(after).post(`/api/tutoring/bookings/${taught.id}/complete`).set(auth(setup.tutor))).status).toBe(200);

    const profile = (await request(ctx.app).get(`/api/tutoring/tutors/${setup.tutor.id}`)).body;
    expect({ taught: profile.sessionsTaught, answer: profile.responseMinutes }).toEqual({ taught: 1, answer: 60 });
    const search = await request(ctx.app).get('/api/tutoring/tutors').query({ course: setup.courseId });
    const card = search.body.tutors.find((t: { id: string }) => t.id === setup.tutor.id);
    expect({ taught: card.sessionsTaught, answer: card.responseMinutes }).toEqual({ taught: 1, answer: 60 });
  });
});

describe('reviews', () => {
  it('when the student reviews a completed session, then the tutor rating and per-course rating include it, and the student is not named', async () => {
    const setup = await setUpTutor(ctx, admin);
    const alice = await ctx.users.signUp();
    const bob = await ctx.users.signUp();
    const one = await completedSession(setup, alice, 0);
    const two = await completedSession(setup, bob, 2);
    expect(
      (
        await request(ctx.app)
          .post(`/api/tutoring/bookings/${one.id}/review`)
          .set(auth(alice))
          .send({ rating: 5, text: 'Clear and patient' })
      ).status,
    ).toBe(201);
    expect((await request(ctx.app).post(`/api/tutoring/bookings/${two.id}/review`).set(auth(bob)).send({ rating: 4 })).status).toBe(201);

    const page = await request(ctx.app).get(`/api/tutoring/tutors/${setup.tutor.id}/reviews`);
    expect(page.body.rating).toEqual({ average: 4.5, count: 2 });
    expect(page.body.byCourse).toEqual([{ courseId: setup.courseId, average: 4.5, count: 2 }]);
    expect(page.body.reviews.map((r: { rating: number }) => r.rating)).toEqual([4, 5]);
    expect(JSON.stringify(page.body)).not.toContain(alice.id);
    expect((await request(ctx.app).get(`/api/tutoring/tutors/${setup.tutor.id}`)).body.rating).toEqual({ average: 4.5, count: 2 });
    expect((await request(ctx.app).get(`/api/tutoring/courses/${setup.courseId}/rating`)).body).toEqual({ average: 4.5, count: 2 });
  });

  it('when a session is not completed, reviewed twice, or reviewed by someone else, then it is refused', async () => {
    const setup = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp();
    const [slot] = await openSlots(ctx, setup);
    const upcoming = (await book(ctx, student, setup, slot!)).body as { id: string };
    expectError(
      await request(ctx.app).post(`/api/tutoring/bookings/${upcoming.id}/review`).set(auth(student)).send({ rating: 5 }),
      409,
      'session-not-completed',
    );

    const done = await completedSession(setup, student, 2);
    expectError(
      await request(ctx.app).post(`/api/tutoring/bookings/${done.id}/review`).set(auth(setup.tutor)).send({ rating: 5 }),
      403,
      'student-only',
    );
    expectError(
      await request(ctx.app)
        .post(`/api/tutoring/bookings/${done.id}/review`)
        .set(auth(await ctx.users.signUp()))
        .send({ rating: 5 }),
      404,
      'booking-not-found',
    );
    expect((await request(ctx.app).post(`/api/tutoring/bookings/${done.id}/review`).set(auth(student)).send({ rating: 2 })).status).toBe(
      201,
    );
    expectError(
      await request(ctx.app).post(`/api/tutoring/bookings/${done.id}/review`).set(auth(student)).send({ rating: 5 }),
      409,
      'already-reviewed',
    );
    expectError(
      await request(ctx.app).post(`/api/tutoring/bookings/${done.id}/review`).set(auth(student)).send({ rating: 6 }),
      400,
      'validation-failed',
    );
    expect((await request(ctx.app).get(`/api/tutoring/tutors/${setup.tutor.id}/reviews`)).body.rating).toEqual({ average: 2, count: 1 });
  });

  it('when the student edits within 14 days, then the rating moves; after 14 days, then 409; nobody else can edit', async () => {
    const setup = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp();
    const done = await completedSession(setup, student);
    await request(ctx.app).post(`/api/tutoring/bookings/${done.id}/review`).set(auth(student)).send({ rating: 2, text: 'meh' });
    const edited = await request(ctx.app)
      .put(`/api/tutoring/bookings/${done.id}/review`)
      .set(auth(student))
      .send({ rating: 4, text: 'Better on reflection' });
    expect(edited.body).toMatchObject({ rating: 4, text: 'Better on reflection' });
    expect((await request(ctx.app).get(`/api/tutoring/tutors/${setup.tutor.id}`)).body.rating).toEqual({ average: 4, count: 1 });
    expectError(
      await request(ctx.app).put(`/api/tutoring/bookings/${done.id}/review`).set(auth(setup.tutor)).send({ rating: 5 }),
      404,
      'review-not-found',
    );
    const fortnightLater = ctx.at(() => new Date(Date.now() + 15 * DAY));
    expectError(
      await request(fortnightLater).put(`/api/tutoring/bookings/${done.id}/review`).set(auth(student)).send({ rating: 1 }),
      409,
      'review-locked',
    );
  });

  it('when the tutor replies, then the reply shows; the student cannot reply, outsiders see nothing to reply to', async () => {
    const setup = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp();
    const done = await completedSession(setup, student);
    await request(ctx.app).post(`/api/tutoring/bookings/${done.id}/review`).set(auth(student)).send({ rating: 5 });
    expectError(
      await request(ctx.app).put(`/api/tutoring/bookings/${done.id}/review/reply`).set(auth(student)).send({ reply: 'x' }),
      403,
      'tutor-only',
    );
    expectError(
      await request(ctx.app)
        .put(`/api/tutoring/bookings/${done.id}/review/reply`)
        .set(auth(await ctx.users.signUp()))
        .send({ reply: 'x' }),
      404,
      'review-not-found',
    );
    const replied = await request(ctx.app)
      .put(`/api/tutoring/bookings/${done.id}/review/reply`)
      .set(auth(setup.tutor))
      .send({ reply: 'Thanks, good luck in the exam!' });
    expect(replied.body).toMatchObject({ reply: 'Thanks, good luck in the exam!', repliedAt: expect.any(String) });
  });

  it('when a tutor has no reviews, then the rating is empty; anonymous users may read reviews but not write them', async () => {
    const setup = await setUpTutor(ctx, admin);
    expect((await request(ctx.app).get(`/api/tutoring/tutors/${setup.tutor.id}/reviews`)).body).toEqual({
      rating: { average: null, count: 0 },
      byCourse: [],
      reviews: [],
      nextCursor: null,
    });
    expectError(
      await request(ctx.app).post('/api/tutoring/bookings/0b8f9d4e-1234-4abc-8def-0123456789ab/review').send({ rating: 5 }),
      401,
      'authentication-required',
    );
  });
});
