import request from 'supertest';
import { auth, createCourse, createTestContext, expectError, setUpTutor, type TestAccount, type TestContext } from './support';

let ctx: TestContext;
let admin: TestAccount;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.users.signUpAdmin();
});
afterAll(() => ctx.close());

const search = (query: Record<string, string | number>) => request(ctx.app).get('/api/tutoring/tutors').query(query);
const ids = (res: request.Response) => res.body.tutors.map((t: { id: string }) => t.id);
let subjectCounter = 0;
const uniqueSubject = () => `Subject ${Date.now()}-${subjectCounter++}`;

/** A tutor teaching one new course in `subject`, with the profile and availability given. */
async function tutorIn(subject: string, profile: Record<string, unknown> = {}, availability: Record<string, unknown> = {}) {
  const setup = await setUpTutor(ctx, admin, { profile, availability });
  const course = await createCourse(ctx, admin, subject);
  await request(ctx.app)
    .put('/api/tutoring/tutors/me')
    .set(auth(setup.tutor))
    .send({
      headline: 'Peer tutor',
      languages: ['en'],
      courseIds: [setup.courseId, course.id],
      online: { meetingLink: 'https://m.example.test/x' },
      sessionLengths: [60],
      ...profile,
    });
  await request(ctx.app)
    .post(`/api/tutoring/tutors/${setup.tutor.id}/courses/${course.id}/approval`)
    .set(auth(admin))
    .send({ decision: 'approve' });
  return { ...setup, subjectCourseId: course.id };
}

describe('GET /api/tutoring/tutors', () => {
  it('when filtering by subject, course, language and mode, then only matching tutors with approved courses come back', async () => {
    const subject = uniqueSubject();
    const en = await tutorIn(subject, { languages: ['en'] });
    const es = await tutorIn(subject, { languages: ['es'], inPerson: { location: 'Library room 2' } });
    expect(ids(await search({ subject })).sort()).toEqual([en.tutor.id, es.tutor.id].sort());
    expect(ids(await search({ course: en.subjectCourseId }))).toEqual([en.tutor.id]);
    expect(ids(await search({ subject, language: 'es' }))).toEqual([es.tutor.id]);
    expect(ids(await search({ subject, mode: 'in_person' }))).toEqual([es.tutor.id]);
    const card = (await search({ course: en.subjectCourseId })).body.tutors[0];
    expect(card).toMatchObject({ id: en.tutor.id, displayName: 'Tara Tutor', rating: { average: null, count: 0 } });
    expect(card).not.toHaveProperty('meetingLink');
  });

  it('when a course is only pending or revoked, then the tutor is not found through it', async () => {
    const subject = uniqueSubject();
    const t = await tutorIn(subject);
    await request(ctx.app)
      .post(`/api/tutoring/tutors/${t.tutor.id}/courses/${t.subjectCourseId}/approval`)
      .set(auth(admin))
      .send({ decision: 'revoke' });
    expect(ids(await search({ subject }))).toEqual([]);
  });

  it('when the text has a typo, then the tutor is still found by headline or bio', async () => {
    const subject = uniqueSubject();
    const t = await tutorIn(subject, { headline: 'Explains recursion and dynamic programming', bio: 'Competitive programmer' });
    await tutorIn(subject, { headline: 'Organic chemistry help' });
    expect(ids(await search({ subject, q: 'recursoin' }))).toEqual([t.tutor.id]);
    expect(ids(await search({ subject, q: 'dynamc programing' }))).toEqual([t.tutor.id]);
    expect(ids(await search({ subject, q: 'astrophysics' }))).toEqual([]);
  });

  it('when the tutor is suspended by an admin, then they disappear from search, profile, slots and booking', async () => {
    const subject = uniqueSubject();
    const t = await tutorIn(subject);
    expect(ids(await search({ subject }))).toEqual([t.tutor.id]);
    const res = await fetch(`${ctx.users.baseUrl}/admin/users/${t.tutor.id}/suspend`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
      body: JSON.stringify({ reason: 'test' }),
    });
    expect(res.status).toBe(200);
    expect(ids(await search({ subject }))).toEqual([]);
    // nor can their profile, slots or a booking be reached
    expectError(await request(ctx.app).get(`/api/tutoring/tutors/${t.tutor.id}`), 404, 'tutor-not-found');
    const window = {
      courseId: t.courseId,
      length: 60,
      from: new Date().toISOString(),
      to: new Date(Date.now() + 86_400_000).toISOString(),
    };
    expectError(await request(ctx.app).get(`/api/tutoring/tutors/${t.tutor.id}/slots`).query(window), 404, 'tutor-not-found');
    const student = await ctx.users.signUp();
    const booking = await request(ctx.app)
      .post('/api/tutoring/bookings')
      .set(auth(student))
      .set('Idempotency-Key', `suspended-${Date.now()}`)
      .send({ tutorId: t.tutor.id, courseId: t.courseId, start: new Date(Date.now() + 3_600_000).toISOString(), length: 60 });
    expectError(booking, 404, 'tutor-not-found');
  });

  it('when a window is given, then only tutors with an open slot in it are returned, with that slot on the card', async () => {
    const subject = uniqueSubject();
    const free = await tutorIn(subject);
    const weekendOnly = await tutorIn(subject, {}, { weekly: [{ weekday: 6, start: '10:00', end: '12:00' }] });
    // a window on a coming Tuesday, 09:00-17:00 UTC
    const tuesday = new Date();
    tuesday.setUTCDate(tuesday.getUTCDate() + ((9 - tuesday.getUTCDay()) % 7 || 7));
    tuesday.setUTCHours(9, 0, 0, 0);
    const window = { from: tuesday.toISOString(), to: new Date(tuesday.getTime() + 8 * 3_600_000).toISOString() };
    const res = await search({ subject, ...window });
    expect(ids(res)).toEqual([free.tutor.id]);
    expect(res.body.tutors[0].nextOpenSlot.start).toBe(tuesday.toISOString());
    // without a window both come back, each with their next open slot in the coming two weeks
    const all = await search({ subject });
    expect(ids(all).sort()).toEqual([free.tutor.id, weekendOnly.tutor.id].sort());
    const weekendCard = all.body.tutors.find((t: { id: string }) => t.id === weekendOnly.tutor.id);
    expect(new Date(weekendCard.nextOpenSlot.start).getUTCDay()).toBe(6);
  });

  it('when sorting by next open slot, then the soonest available tutor comes first', async () => {
    const subject = uniqueSubject();
    const later = await tutorIn(subject, {}, { minNoticeMinutes: 3 * 24 * 60 });
    const sooner = await tutorIn(subject);
    expect(ids(await search({ subject, sort: 'next-slot' }))).toEqual([sooner.tutor.id, later.tutor.id]);
  });

  it('when paging with a cursor, then every match appears once', async () => {
    const subject = uniqueSubject();
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await tutorIn(subject)).tutor.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await search({ subject, limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...ids(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(created.sort());
  });

  it.each([
    ['only from', 'invalid-window', { from: '2030-01-01T00:00:00Z' }],
    ['a window over 31 days', 'invalid-window', { from: '2030-01-01T00:00:00Z', to: '2030-03-01T00:00:00Z' }],
    ['a rating of 6', 'validation-failed', { minRating: 6 }],
    ['a forged cursor', 'validation-failed', { cursor: 'eyJvZmZzZXQiOi0xfQ' }],
  ])('when given %s, then 400 %s', async (_label, code, query) => {
    expectError(await search(query), 400, code);
  });

  it('when filtering by a minimum rating, then unrated tutors are left out', async () => {
    const subject = uniqueSubject();
    await tutorIn(subject);
    expect(ids(await search({ subject, minRating: 1 }))).toEqual([]);
  });
});
