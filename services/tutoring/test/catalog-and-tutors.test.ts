import request from 'supertest';
import {
  allDayEveryDay,
  auth,
  book,
  createCourse,
  createTestContext,
  expectError,
  openSlots,
  setUpTutor,
  type TestAccount,
  type TestContext,
} from './support';

let ctx: TestContext;
let admin: TestAccount;
let student: TestAccount;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.users.signUpAdmin();
  student = await ctx.users.signUp();
});
afterAll(() => ctx.close());

describe('catalog', () => {
  it('when an admin adds a course, then anyone can find it by subject or text', async () => {
    const course = await createCourse(ctx, admin, 'Astrobiology');
    const bySubject = await request(ctx.app).get('/api/tutoring/courses').query({ subject: 'Astrobiology' });
    expect(bySubject.status).toBe(200);
    expect(bySubject.body.courses.map((c: { id: string }) => c.id)).toContain(course.id);
    const byText = await request(ctx.app).get('/api/tutoring/courses').query({ q: course.code.toLowerCase() });
    expect(byText.body.courses).toEqual([expect.objectContaining({ id: course.id, subject: 'Astrobiology' })]);
  });

  it('when a student or anonymous user adds or edits a course, then 403 or 401 and nothing changes', async () => {
    expectError(
      await request(ctx.app).post('/api/tutoring/courses').set(auth(student)).send({ code: 'X1', title: 'x', subject: 'y' }),
      403,
      'forbidden',
    );
    expectError(
      await request(ctx.app).post('/api/tutoring/courses').send({ code: 'X1', title: 'x', subject: 'y' }),
      401,
      'authentication-required',
    );
    const course = await createCourse(ctx, admin);
    expectError(
      await request(ctx.app).patch(`/api/tutoring/courses/${course.id}`).set(auth(student)).send({ title: 'hijacked' }),
      403,
      'forbidden',
    );
    const list = await request(ctx.app).get('/api/tutoring/courses').query({ q: course.code });
    expect(list.body.courses[0].title).toBe(`Course ${course.code}`);
  });

  it('when the code is taken or fields are bad, then 409 or 400', async () => {
    const course = await createCourse(ctx, admin);
    expectError(
      await request(ctx.app).post('/api/tutoring/courses').set(auth(admin)).send({ code: course.code, title: 'Again', subject: 'S' }),
      409,
      'course-code-taken',
    );
    expectError(
      await request(ctx.app).post('/api/tutoring/courses').set(auth(admin)).send({ code: '!!', title: '', subject: 'S', extra: 1 }),
      400,
      'validation-failed',
    );
    expectError(
      await request(ctx.app).patch('/api/tutoring/courses/0b8f9d4e-1234-4abc-8def-0123456789ab').set(auth(admin)).send({ title: 'x' }),
      404,
      'course-not-found',
    );
  });
});

describe('tutor profiles and course approval', () => {
  it('when a student becomes a tutor, then the course waits for approval and is not public until approved', async () => {
    const tutor = await ctx.users.signUp('Nadia Peer');
    const course = await createCourse(ctx, admin);
    const saved = await request(ctx.app)
      .put('/api/tutoring/tutors/me')
      .set(auth(tutor))
      .send({
        headline: 'Calculus help',
        languages: ['en', 'fr'],
        courseIds: [course.id],
        online: { meetingLink: 'https://meet.example.test/n' },
        sessionLengths: [60, 30, 60],
      });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      id: tutor.id,
      displayName: 'Nadia Peer',
      sessionLengths: [30, 60],
      courses: [{ courseId: course.id, status: 'pending' }],
      autoAccept: true,
    });

    const before = await request(ctx.app).get(`/api/tutoring/tutors/${tutor.id}`);
    expect(before.body.courseIds).toEqual([]);
    const pending = await request(ctx.app).get('/api/tutoring/course-approvals').set(auth(admin));
    expect(pending.body.requests).toContainEqual({
      tutorId: tutor.id,
      displayName: 'Nadia Peer',
      headline: 'Calculus help',
      courseId: course.id,
      status: 'pending',
    });
    expectError(await request(ctx.app).get('/api/tutoring/course-approvals').set(auth(tutor)), 403, 'forbidden');
    expect(before.body).not.toHaveProperty('meetingLink');

    expectError(
      await request(ctx.app)
        .post(`/api/tutoring/tutors/${tutor.id}/courses/${course.id}/approval`)
        .set(auth(student))
        .send({ decision: 'approve' }),
      403,
      'forbidden',
    );
    expectError(
      await request(ctx.app)
        .post(`/api/tutoring/tutors/${tutor.id}/courses/${course.id}/approval`)
        .set(auth(tutor))
        .send({ decision: 'approve' }),
      403,
      'forbidden',
    );
    const approved = await request(ctx.app)
      .post(`/api/tutoring/tutors/${tutor.id}/courses/${course.id}/approval`)
      .set(auth(admin))
      .send({ decision: 'approve' });
    expect(approved.body).toEqual({ tutorId: tutor.id, courseId: course.id, status: 'approved' });
    expect((await request(ctx.app).get(`/api/tutoring/tutors/${tutor.id}`)).body.courseIds).toEqual([course.id]);
    const stillPending = await request(ctx.app).get('/api/tutoring/course-approvals').set(auth(admin));
    expect(stillPending.body.requests.map((r: { tutorId: string }) => r.tutorId)).not.toContain(tutor.id);

    await request(ctx.app)
      .post(`/api/tutoring/tutors/${tutor.id}/courses/${course.id}/approval`)
      .set(auth(admin))
      .send({ decision: 'revoke' });
    expect((await request(ctx.app).get(`/api/tutoring/tutors/${tutor.id}`)).body.courseIds).toEqual([]);
  });

  it('when the profile names an unknown course, offers no mode or an unsafe link, then it is refused and nothing is saved', async () => {
    const tutor = await ctx.users.signUp();
    const base = { headline: 'h', languages: ['en'], sessionLengths: [60] };
    expectError(
      await request(ctx.app)
        .put('/api/tutoring/tutors/me')
        .set(auth(tutor))
        .send({ ...base, courseIds: ['0b8f9d4e-1234-4abc-8def-0123456789ab'], online: { meetingLink: 'https://x.test' } }),
      422,
      'unknown-course',
    );
    const course = await createCourse(ctx, admin);
    expectError(
      await request(ctx.app)
        .put('/api/tutoring/tutors/me')
        .set(auth(tutor))
        .send({ ...base, courseIds: [course.id] }),
      400,
      'no-session-mode',
    );
    expectError(
      await request(ctx.app)
        .put('/api/tutoring/tutors/me')
        .set(auth(tutor))
        .send({ ...base, courseIds: [course.id], online: { meetingLink: 'javascript:alert(1)' } }),
      400,
      'validation-failed',
    );
    expectError(await request(ctx.app).get('/api/tutoring/tutors/me').set(auth(tutor)), 404, 'tutor-not-found');
  });

  it('when the approval names a course the tutor does not offer, then 404', async () => {
    const { tutor } = await setUpTutor(ctx, admin);
    const other = await createCourse(ctx, admin);
    expectError(
      await request(ctx.app)
        .post(`/api/tutoring/tutors/${tutor.id}/courses/${other.id}/approval`)
        .set(auth(admin))
        .send({ decision: 'approve' }),
      404,
      'tutor-course-not-found',
    );
  });
});

describe('availability and open slots', () => {
  it('when a tutor sets weekly hours in their zone, then slots come back as UTC instants with local times beside them', async () => {
    const setup = await setUpTutor(ctx, admin, {
      availability: {
        timezone: 'Asia/Kolkata',
        weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '11:00' })),
      },
    });
    const from = new Date(Date.now() + 86_400_000);
    const res = await request(ctx.app)
      .get(`/api/tutoring/tutors/${setup.tutor.id}/slots`)
      .query({
        courseId: setup.courseId,
        length: 60,
        from: from.toISOString(),
        to: new Date(from.getTime() + 3 * 86_400_000).toISOString(),
      });
    expect(res.status).toBe(200);
    expect(res.body.timezone).toBe('Asia/Kolkata');
    expect(res.body.slots.length).toBeGreaterThanOrEqual(4);
    for (const slot of res.body.slots) {
      expect(slot.start).toMatch(/T0(3|4):30:00\.000Z$/);
      expect(slot.tutorLocalStart).toMatch(/T(09|10):00$/);
    }
  });

  it('when a tutor previews unsaved hours, then the week’s slots follow them and the booked time, and nothing is saved', async () => {
    const setup = await setUpTutor(ctx, admin);
    const [taken] = await openSlots(ctx, setup, 60, 2);
    expect((await book(ctx, await ctx.users.signUp(), setup, taken!)).status).toBe(201);
    const before = (await request(ctx.app).get('/api/tutoring/tutors/me').set(auth(setup.tutor))).body.availability;
    const draft = { timezone: 'UTC', weekly: allDayEveryDay, minNoticeMinutes: 0, bufferBeforeMinutes: 15, bufferAfterMinutes: 15 };
    const preview = await request(ctx.app)
      .post('/api/tutoring/tutors/me/availability/preview')
      .set(auth(setup.tutor))
      .send({ availability: draft, length: 60 });
    expect(preview.status).toBe(200);
    expect(preview.body.timezone).toBe('UTC');
    const starts = preview.body.slots.map((s: { start: string }) => Date.parse(s.start));
    // a week of the new 90-minute grid (an hour plus both breaks), with the booking's time (and its breaks) left out
    expect(starts.length).toBeGreaterThan(6 * 16);
    expect(starts.every((start: number) => Math.abs(start - Date.parse(taken!)) >= 75 * 60_000)).toBe(true);
    expect(starts.slice(1).every((start: number, i: number) => start - starts[i] >= 90 * 60_000)).toBe(true);
    expect((await request(ctx.app).get('/api/tutoring/tutors/me').set(auth(setup.tutor))).body.availability).toEqual(before);
  });

  it('when someone who is not a tutor previews, or sends a length no tutor offers, then 404 and 400', async () => {
    const setup = await setUpTutor(ctx, admin);
    const draft = { timezone: 'UTC', weekly: allDayEveryDay };
    const preview = (who: TestAccount, length: number) =>
      request(ctx.app).post('/api/tutoring/tutors/me/availability/preview').set(auth(who)).send({ availability: draft, length });
    expectError(await preview(await ctx.users.signUp(), 60), 404, 'not-a-tutor');
    expectError(await preview(setup.tutor, 61), 400, 'validation-failed');
  });

  it('when the tutor reads their availability back, then it is what they set, in HH:mm', async () => {
    const setup = await setUpTutor(ctx, admin, {
      availability: {
        weekly: [{ weekday: 1, start: '08:30', end: '24:00' }],
        overrides: [{ date: '2030-01-07', ranges: [] }],
        bufferAfterMinutes: 10,
        studentWeeklyCapMinutes: 180,
      },
    });
    const me = await request(ctx.app).get('/api/tutoring/tutors/me').set(auth(setup.tutor));
    expect(me.body.availability).toMatchObject({
      weekly: [{ weekday: 1, start: '08:30', end: '24:00' }],
      overrides: [{ date: '2030-01-07', ranges: [] }],
      bufferAfterMinutes: 10,
      studentWeeklyCapMinutes: 180,
    });
  });

  it.each([
    ['a time that is not HH:mm', { weekly: [{ weekday: 1, start: '9am', end: '10:00' }] }, 'validation-failed'],
    ['an end before the start', { weekly: [{ weekday: 1, start: '10:00', end: '09:00' }] }, 'validation-failed'],
    ['weekday 8', { weekly: [{ weekday: 8, start: '09:00', end: '10:00' }] }, 'validation-failed'],
    ['an unknown zone', { timezone: 'Moon/Base' }, 'validation-failed'],
    [
      'two overrides of one date',
      {
        overrides: [
          { date: '2030-01-01', ranges: [] },
          { date: '2030-01-01', ranges: [] },
        ],
      },
      'duplicate-override',
    ],
    [
      'time off ending before it starts',
      { timeOff: [{ start: '2030-01-02T00:00:00Z', end: '2030-01-01T00:00:00Z' }] },
      'validation-failed',
    ],
  ])('when availability has %s, then 400 %s and the old rules stay', async (_label, change, code) => {
    const setup = await setUpTutor(ctx, admin);
    expectError(
      await request(ctx.app)
        .put('/api/tutoring/tutors/me/availability')
        .set(auth(setup.tutor))
        .send({ timezone: 'UTC', weekly: [], ...change }),
      400,
      code,
    );
    expect(await openSlots(ctx, setup)).not.toHaveLength(0);
  });

  it('when someone who is not a tutor sets availability, then 404 not-a-tutor', async () => {
    expectError(
      await request(ctx.app).put('/api/tutoring/tutors/me/availability').set(auth(student)).send({ timezone: 'UTC', weekly: [] }),
      404,
      'not-a-tutor',
    );
  });

  it('when slots are asked for a course or length the tutor does not offer, or a bad window, then 422 or 400', async () => {
    const setup = await setUpTutor(ctx, admin);
    const other = await createCourse(ctx, admin);
    const now = Date.now();
    const q = (over: Record<string, unknown>) =>
      request(ctx.app)
        .get(`/api/tutoring/tutors/${setup.tutor.id}/slots`)
        .query({
          courseId: setup.courseId,
          length: 60,
          from: new Date(now).toISOString(),
          to: new Date(now + 86_400_000).toISOString(),
          ...over,
        });
    expectError(await q({ courseId: other.id }), 422, 'course-not-offered');
    expectError(await q({ length: 45 }), 422, 'length-not-offered');
    expectError(await q({ to: new Date(now - 1000).toISOString() }), 400, 'invalid-window');
    expectError(await q({ to: new Date(now + 90 * 86_400_000).toISOString() }), 400, 'window-too-long');
    expectError(await q({ from: 'yesterday' }), 400, 'validation-failed');
  });
});
