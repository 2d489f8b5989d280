import request from 'supertest';
import { auth, book, createTestContext, expectError, openSlots, setUpTutor, type TestAccount, type TestContext } from './support';

let ctx: TestContext;
let admin: TestAccount;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.users.signUpAdmin();
});
afterAll(() => ctx.close());

/** iCalendar folds long lines; unfold them to read. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

describe('a booking as an .ics file', () => {
  it('when a party downloads it, then it has the UTC times, the meeting link and both parties’ local times', async () => {
    const setup = await setUpTutor(ctx, admin, { availability: { timezone: 'Asia/Kolkata' } });
    const student = await ctx.users.signUp('Sofia Student', 'America/New_York');
    const [slot] = await openSlots(ctx, setup);
    const booking = (await book(ctx, student, setup, slot!)).body as { id: string; start: string; end: string };
    for (const who of [student, setup.tutor]) {
      const res = await request(ctx.app).get(`/api/tutoring/bookings/${booking.id}/calendar.ics`).set(auth(who));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      const ics = unfold(res.text);
      expect(ics).toContain(`UID:${booking.id}@tutoring-platform`);
      expect(ics).toContain(`DTSTART:${compact(booking.start)}`);
      expect(ics).toContain(`DTEND:${compact(booking.end)}`);
      expect(ics).toContain('LOCATION:https://meet.example.test/tara');
      expect(ics).toMatch(/Tutor's time: .+\(Asia\/Kolkata\)/);
      expect(ics).toMatch(/Student's time: .+\(America\/New_York\)/);
      expect(ics).toContain('Tara Tutor and Sofia Student');
    }
  });

  it('when someone else or nobody asks, then 404 or 401', async () => {
    const setup = await setUpTutor(ctx, admin);
    const [slot] = await openSlots(ctx, setup);
    const booking = (await book(ctx, await ctx.users.signUp(), setup, slot!)).body as { id: string };
    expectError(
      await request(ctx.app)
        .get(`/api/tutoring/bookings/${booking.id}/calendar.ics`)
        .set(auth(await ctx.users.signUp())),
      404,
      'booking-not-found',
    );
    expectError(await request(ctx.app).get(`/api/tutoring/bookings/${booking.id}/calendar.ics`), 401, 'authentication-required');
  });
});

describe('the private calendar feed', () => {
  it('when a user creates a feed, then its URL serves their sessions as student and as tutor, and nobody else’s', async () => {
    const setup = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp();
    const slots = await openSlots(ctx, setup);
    const mine = (await book(ctx, student, setup, slots[0]!)).body as { id: string };
    const cancelled = (await book(ctx, student, setup, slots[2]!)).body as { id: string };
    await request(ctx.app).post(`/api/tutoring/bookings/${cancelled.id}/cancel`).set(auth(setup.tutor)).send({ reason: 'Conflict' });
    const others = (await book(ctx, await ctx.users.signUp(), setup, slots[4]!)).body as { id: string };

    const created = await request(ctx.app).post('/api/tutoring/calendar/feed').set(auth(student));
    expect(created.status).toBe(201);
    expect(created.body.path).toMatch(/^\/api\/tutoring\/calendar\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(created.body.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/tutoring\/calendar\/feeds\//);

    const feed = await request(ctx.app).get(created.body.path);
    expect(feed.status).toBe(200);
    const ics = unfold(feed.text);
    expect(ics).toContain(`UID:${mine.id}@tutoring-platform`);
    expect(ics).toMatch(new RegExp(`UID:${cancelled.id}@tutoring-platform[\\s\\S]*?STATUS:CANCELLED`));
    expect(ics).not.toContain(others.id);

    const tutorFeed = await request(ctx.app).post('/api/tutoring/calendar/feed').set(auth(setup.tutor));
    const tutorIcs = unfold((await request(ctx.app).get(tutorFeed.body.path)).text);
    for (const id of [mine.id, others.id]) expect(tutorIcs).toContain(id);
  });

  it('when the feed is replaced or removed, then the old URL stops working', async () => {
    const user = await ctx.users.signUp();
    const first = (await request(ctx.app).post('/api/tutoring/calendar/feed').set(auth(user))).body.path as string;
    const second = (await request(ctx.app).post('/api/tutoring/calendar/feed').set(auth(user))).body.path as string;
    expectError(await request(ctx.app).get(first), 404, 'feed-not-found');
    expect((await request(ctx.app).get(second)).status).toBe(200);
    expect((await request(ctx.app).delete('/api/tutoring/calendar/feed').set(auth(user))).status).toBe(204);
    expectError(await request(ctx.app).get(second), 404, 'feed-not-found');
  });

  it('when the token is malformed or unknown, then 400 or 404; creating a feed needs sign-in', async () => {
    expectError(await request(ctx.app).get('/api/tutoring/calendar/feeds/short.ics'), 400, 'validation-failed');
    expectError(await request(ctx.app).get(`/api/tutoring/calendar/feeds/${'A'.repeat(43)}.ics`), 404, 'feed-not-found');
    expectError(await request(ctx.app).post('/api/tutoring/calendar/feed'), 401, 'authentication-required');
  });
});
