// The real tutoring app on the run's PostgreSQL, verifying tokens from the real users service over its JWKS.
import type { Express } from 'express';
import type pg from 'pg';
import request from 'supertest';
import { createPool } from '@tutoring-platform/postgres';
import { createLogger } from '@tutoring-platform/shared';
import { startUsersTestServer, type TestAccount, type UsersTestServer } from '@tutoring-platform/users/testing';
import type { TutoringDependencies } from '../src/dependencies';
import { createTutoringTestApp } from '../src/testing/tutoring-test-server';

export { expectError } from '@tutoring-platform/testing';
export type { TestAccount };

export interface TestContext {
  app: Express;
  deps: TutoringDependencies;
  pool: pg.Pool;
  users: UsersTestServer;
  /** The same service with its clock moved, e.g. to after a session started. */
  at(now: () => Date): Express;
  close(): Promise<void>;
}

export async function createTestContext(): Promise<TestContext> {
  const users = await startUsersTestServer();
  const logger = createLogger('tutoring-test', 'silent');
  const pool = createPool({ connectionString: process.env.TEST_DATABASE_URL_TUTORING, max: 10 }, logger);
  // nothing listens at the groups address: group sessions are tested from the groups service's side
  const build = (now?: () => Date) => createTutoringTestApp({ pool, users, logger, ...(now ? { now } : {}) });
  const { deps, app } = build();
  return {
    app,
    deps,
    pool,
    users,
    at: (now) => build(now).app,
    async close() {
      await users.close();
      await pool.end();
    },
  };
}

export const auth = (account: { accessToken: string }) => ({ Authorization: `Bearer ${account.accessToken}` });

let courseCounter = 0;
export async function createCourse(
  ctx: TestContext,
  admin: TestAccount,
  subject = 'Computer Science',
): Promise<{ id: string; code: string }> {
  const code = `T${process.pid % 1000}-${Date.now() % 100000}-${courseCounter++}`;
  const res = await request(ctx.app)
    .post('/api/tutoring/courses')
    .set(auth(admin))
    .send({ code, title: `Course ${code}`, subject });
  if (res.status !== 201) throw new Error(`course creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export const allDayEveryDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));

export interface TutorSetup {
  tutor: TestAccount;
  courseId: string;
}

/** A tutor with one approved course, hourly sessions, online, available around the clock in UTC with no notice. */
export async function setUpTutor(
  ctx: TestContext,
  admin: TestAccount,
  options: { profile?: Record<string, unknown>; availability?: Record<string, unknown> } = {},
): Promise<TutorSetup> {
  const tutor = await ctx.users.signUp('Tara Tutor');
  const course = await createCourse(ctx, admin);
  const profile = await request(ctx.app)
    .put('/api/tutoring/tutors/me')
    .set(auth(tutor))
    .send({
      headline: 'Patient peer tutor',
      languages: ['en'],
      courseIds: [course.id],
      online: { meetingLink: 'https://meet.example.test/tara' },
      sessionLengths: [30, 60],
      ...options.profile,
    });
  if (profile.status !== 200) throw new Error(`tutor profile failed: ${profile.status} ${JSON.stringify(profile.body)}`);
  const approval = await request(ctx.app)
    .post(`/api/tutoring/tutors/${tutor.id}/courses/${course.id}/approval`)
    .set(auth(admin))
    .send({ decision: 'approve' });
  if (approval.status !== 200) throw new Error(`approval failed: ${approval.status}`);
  const availability = await request(ctx.app)
    .put('/api/tutoring/tutors/me/availability')
    .set(auth(tutor))
    .send({ timezone: 'UTC', weekly: allDayEveryDay, minNoticeMinutes: 0, ...options.availability });
  if (availability.status !== 200) throw new Error(`availability failed: ${availability.status} ${JSON.stringify(availability.body)}`);
  return { tutor, courseId: course.id };
}

/** Open slot starts for the next days, as ISO strings. */
export async function openSlots(ctx: TestContext, setup: TutorSetup, length = 60, days = 3): Promise<string[]> {
  const from = new Date();
  const to = new Date(from.getTime() + days * 86_400_000);
  const res = await request(ctx.app)
    .get(`/api/tutoring/tutors/${setup.tutor.id}/slots`)
    .query({ courseId: setup.courseId, length, from: from.toISOString(), to: to.toISOString() });
  if (res.status !== 200) throw new Error(`slots failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.slots.map((s: { start: string }) => s.start);
}

let keyCounter = 0;
export const newKey = () => `key-${Date.now()}-${keyCounter++}`;

export function book(
  ctx: TestContext,
  student: TestAccount,
  setup: TutorSetup,
  start: string,
  extra: Record<string, unknown> = {},
  key = newKey(),
) {
  return request(ctx.app)
    .post('/api/tutoring/bookings')
    .set(auth(student))
    .set('Idempotency-Key', key)
    .send({ tutorId: setup.tutor.id, courseId: setup.courseId, start, length: 60, ...extra });
}
