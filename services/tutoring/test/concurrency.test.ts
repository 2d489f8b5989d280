import type { Server } from 'node:http';
import { portOf, startServer, stopServer } from '@tutoring-platform/shared';
import { createTestContext, newKey, openSlots, setUpTutor, type TestAccount, type TestContext } from './support';

let ctx: TestContext;
let server: Server;
let base: string;
let students: TestAccount[];
beforeAll(async () => {
  ctx = await createTestContext();
  server = await startServer(ctx.app, 0, '127.0.0.1');
  base = `http://127.0.0.1:${portOf(server)}/api/tutoring`;
  students = [];
  for (let i = 0; i < 100; i++) students.push(await ctx.users.signUp(`Racer ${i}`));
}, 120_000);
afterAll(async () => {
  await stopServer(server, 1000);
  await ctx.close();
});

function post(student: TestAccount, body: object, key = newKey()): Promise<{ status: number; body: { id?: string } }> {
  return fetch(`${base}/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${student.accessToken}`, 'idempotency-key': key },
    body: JSON.stringify(body),
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as { id?: string } }));
}

describe('concurrent bookings', () => {
  it('when 100 students race for overlapping slots of one tutor, then exactly 1 booking is created and 99 get 409, for 20 rounds', async () => {
    const admin = await ctx.users.signUpAdmin();
    // Half the students ask for an hour, half for the first 30 minutes of it: the two slots overlap.
    const setup = await setUpTutor(ctx, admin);
    const slots = await openSlots(ctx, setup, 60, 3);
    const rounds: Array<{ created: number; conflicts: number; other: number[] }> = [];
    for (let round = 0; round < 20; round++) {
      const start = slots[round]!;
      const results = await Promise.all(
        students.map((student, i) => post(student, { tutorId: setup.tutor.id, courseId: setup.courseId, start, length: i % 2 ? 30 : 60 })),
      );
      rounds.push({
        created: results.filter((r) => r.status === 201).length,
        conflicts: results.filter((r) => r.status === 409).length,
        other: results.filter((r) => r.status !== 201 && r.status !== 409).map((r) => r.status),
      });
    }
    expect(rounds).toEqual(Array.from({ length: 20 }, () => ({ created: 1, conflicts: 99, other: [] })));
    const { rows } = await ctx.pool.query(
      `SELECT count(*)::int AS n FROM bookings WHERE tutor_id = $1 AND status IN ('pending', 'confirmed')`,
      [setup.tutor.id],
    );
    expect(rows[0].n).toBe(20);
  }, 180_000);

  it('when the same request with the same key arrives 20 times at once, then one booking exists and every answer names it', async () => {
    const admin = await ctx.users.signUpAdmin();
    const setup = await setUpTutor(ctx, admin);
    const [slot] = await openSlots(ctx, setup);
    const key = newKey();
    const body = { tutorId: setup.tutor.id, courseId: setup.courseId, start: slot, length: 60 };
    const student = await ctx.users.signUp('Repeat Clicker');
    const results = await Promise.all(Array.from({ length: 20 }, () => post(student, body, key)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const { rows } = await ctx.pool.query('SELECT count(*)::int AS n FROM bookings WHERE tutor_id = $1', [setup.tutor.id]);
    expect(rows[0].n).toBe(1);
  }, 60_000);

  it('when 200 bookings for one tutor arrive at once, then each is 201, 409 or 503 and other people are served meanwhile', async () => {
    const admin = await ctx.users.signUpAdmin();
    const busy = await setUpTutor(ctx, admin);
    const quiet = await setUpTutor(ctx, admin);
    const [first, second] = await openSlots(ctx, busy);
    const [elsewhere] = await openSlots(ctx, quiet);
    const bystander = await ctx.users.signUp('Bystander');
    const crowd = [...students, ...students];
    const burst = Promise.all(
      crowd.map((student, i) =>
        post(student, { tutorId: busy.tutor.id, courseId: busy.courseId, start: i % 2 ? first : second, length: 60 }),
      ),
    );
    // while the burst queues for its tutor, the pool still serves a booking with someone else and a read
    const [other, read] = await Promise.all([
      post(bystander, { tutorId: quiet.tutor.id, courseId: quiet.courseId, start: elsewhere, length: 60 }),
      fetch(`${base}/tutors/${quiet.tutor.id}`).then((res) => res.status),
    ]);
    expect([other.status, read]).toEqual([201, 200]);
    const statuses = (await burst).map((r) => r.status);
    expect(statuses.filter((s) => ![201, 409, 503].includes(s))).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
  }, 60_000);
});
