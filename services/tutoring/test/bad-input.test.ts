import request from 'supertest';
import { assertNoServerErrors, assertRejectsForbiddenText, endpointsOf } from '@tutoring-platform/testing';
import { auth, book, createTestContext, openSlots, setUpTutor, type TestContext } from './support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('arbitrary input on every tutoring endpoint', () => {
  it('when bodies, params, query strings and headers are random, then no response is a 5xx, a non-JSON error or a hang', async () => {
    const document = (await request(ctx.app).get('/api/tutoring/openapi.json')).body;
    const endpoints = endpointsOf(document);
    expect(endpoints.length).toBeGreaterThanOrEqual(17);
    const admin = await ctx.users.signUpAdmin();
    const { tutor } = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp();
    await assertNoServerErrors(ctx.app, endpoints, [student.accessToken, tutor.accessToken, admin.accessToken], 40);
  }, 180_000);
});

describe('text people type', () => {
  it('when a profile, booking or search field holds a NUL byte, another control character or half a surrogate pair, then 400 names it', async () => {
    const admin = await ctx.users.signUpAdmin();
    const setup = await setUpTutor(ctx, admin);
    const profile = { headline: 'Patient peer tutor', bio: 'Hi', languages: ['en'], courseIds: [setup.courseId], sessionLengths: [60] };
    await assertRejectsForbiddenText(
      (body) => request(ctx.app).put('/api/tutoring/tutors/me').set(auth(setup.tutor)).send(body),
      { ...profile, online: { meetingLink: 'https://meet.example.test/tara' } },
      ['headline', 'bio'],
    );
    const student = await ctx.users.signUp();
    const [start] = await openSlots(ctx, setup);
    await assertRejectsForbiddenText((body) => book(ctx, student, setup, start!, body), { message: 'See you then' }, ['message']);
    const search = await request(ctx.app).get('/api/tutoring/tutors').query({ q: 'al\u0000gebra' });
    expect([search.status, search.body.error.details[0].path]).toEqual([400, 'q']);
  });
});
