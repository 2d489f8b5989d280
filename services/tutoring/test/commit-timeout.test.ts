// A booking whose COMMIT outlives the client's query timeout: the client answers 503, yet the database applies it.
// The retry with the same Idempotency-Key must replay that booking, never book a second one. And one that outlives
// the transaction bound: the server ends it, nothing is booked, and the retry books it once.
import request from 'supertest';
import { createPool, resolvePoolConfig } from '@tutoring-platform/postgres';
import { createLogger } from '@tutoring-platform/shared';
import { createTutoringTestApp } from '../src/testing/tutoring-test-server';
import { auth, createTestContext, newKey, openSlots, setUpTutor, type TestAccount, type TestContext } from './support';

let ctx: TestContext;
let admin: TestAccount;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.users.signUpAdmin();
});
afterAll(() => ctx.close());

/** Makes every COMMIT that inserted a booking for `studentId` take `ms` (a deferred trigger runs at COMMIT). */
async function slowCommitsFor(studentId: string, ms: number): Promise<() => Promise<void>> {
  const name = `slow_commit_${studentId.replaceAll('-', '')}`;
  await ctx.pool.query(
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF NEW.student_id = '${studentId}' THEN PERFORM pg_sleep(${ms / 1000}); END IF;
       RETURN NULL;
     END $$`,
  );
  await ctx.pool.query(
    `CREATE CONSTRAINT TRIGGER ${name} AFTER INSERT ON bookings DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  );
  return async () => {
    await ctx.pool.query(`DROP TRIGGER ${name} ON bookings`);
    await ctx.pool.query(`DROP FUNCTION ${name}()`);
  };
}

describe('a booking whose COMMIT times out on the client', () => {
  it('when the student retries with the same Idempotency-Key, then the booking the database applied is replayed and exists once', async () => {
    const setup = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp('Cass Commit');
    const [slot] = await openSlots(ctx, setup);
    const logger = createLogger('tutoring-test', 'silent');
    // the same service on one connection that gives up on any query after 1 s
    const impatientPool = createPool({ connectionString: process.env.TEST_DATABASE_URL_TUTORING, max: 1, query_timeout: 1_000 }, logger);
    const impatient = createTutoringTestApp({ pool: impatientPool, users: ctx.users, logger });
    const restore = await slowCommitsFor(student.id, 4_000);
    try {
      const key = newKey();
      const body = { tutorId: setup.tutor.id, courseId: setup.courseId, start: slot, length: 60 };
      const first = await request(impatient.app).post('/api/tutoring/bookings').set(auth(student)).set('Idempotency-Key', key).send(body);
      expect(first.status).toBe(503);
      expect(first.body.error.code).toBe('dependency-unavailable');
      expect(first.headers['retry-after']).toBe('1');
      // the connection whose COMMIT is still running is not handed to the next request
      const next = await request(impatient.app).get(`/api/tutoring/tutors/${setup.tutor.id}`);
      expect(next.status).toBe(200);

      // at once, while the first COMMIT may still be running: the tutor's lock makes the retry wait for its outcome
      const retry = await request(ctx.app).post('/api/tutoring/bookings').set(auth(student)).set('Idempotency-Key', key).send(body);
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toMatchObject({ studentId: student.id, start: slot, status: 'confirmed' });

      const { rows } = await ctx.pool.query<{ id: string }>(`SELECT id FROM bookings WHERE student_id = $1`, [student.id]);
      expect(rows.map((r) => r.id)).toEqual([retry.body.id]);
    } finally {
      await restore();
      await impatientPool.end();
    }
  });

  it('when the transaction outlives its bound, then the server ends it: 503, nothing booked, and the retry books it once', async () => {
    const setup = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp('Tim Timeout');
    const [slot] = await openSlots(ctx, setup);
    const logger = createLogger('tutoring-test', 'silent');
    const boundedPool = createPool(
      await resolvePoolConfig({
        DATABASE_URL: process.env.TEST_DATABASE_URL_TUTORING,
        DATABASE_SSL: false,
        DATABASE_POOL_MAX: 2,
        DATABASE_TRANSACTION_TIMEOUT_MS: 1_000,
      }),
      logger,
    );
    const bounded = createTutoringTestApp({ pool: boundedPool, users: ctx.users, logger });
    const restore = await slowCommitsFor(student.id, 2_500);
    try {
      const key = newKey();
      const body = { tutorId: setup.tutor.id, courseId: setup.courseId, start: slot, length: 60 };
      const first = await request(bounded.app).post('/api/tutoring/bookings').set(auth(student)).set('Idempotency-Key', key).send(body);
      expect([first.status, first.body.error.code]).toEqual([503, 'dependency-unavailable']);
      const { rows: none } = await ctx.pool.query(`SELECT id FROM bookings WHERE student_id = $1`, [student.id]);
      expect(none).toEqual([]);

      // the service's usual bound (15 s) lets the slow COMMIT finish
      const retry = await request(ctx.app).post('/api/tutoring/bookings').set(auth(student)).set('Idempotency-Key', key).send(body);
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      const { rows } = await ctx.pool.query<{ id: string }>(`SELECT id FROM bookings WHERE student_id = $1`, [student.id]);
      expect(rows.map((r) => r.id)).toEqual([retry.body.id]);
    } finally {
      await restore();
      await boundedPool.end();
    }
  });
});
