import type { Server } from 'node:http';
import request from 'supertest';
import { portOf, startServer, stopServer } from '@tutoring-platform/shared';
import { auth, createTestContext, type TestAccount, type TestContext } from './support';

let ctx: TestContext;
let server: Server;
let base: string;
let students: TestAccount[];
beforeAll(async () => {
  ctx = await createTestContext();
  server = await startServer(ctx.app, 0, '127.0.0.1');
  base = `http://127.0.0.1:${portOf(server)}/api/groups`;
  students = await Promise.all(Array.from({ length: 500 }, (_, i) => ctx.users.signUp(`Joiner ${i}`)));
}, 120_000);
afterAll(async () => {
  await stopServer(server, 1000);
  await ctx.close();
});

const post = (who: TestAccount, path: string) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${who.accessToken}` } }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as { status?: string; position?: number },
  }));

describe('concurrent joins', () => {
  it('when 500 students join a capacity-30 group at once, then exactly 30 take its places, 470 wait in one order, the count equals the member items, and 10 leaves promote 10', async () => {
    const owner = await ctx.users.signUp('Owner');
    const group = (
      await request(ctx.app).post('/api/groups').set(auth(owner)).send({ name: 'Exam cram', course: 'CS101', subject: 'CS', capacity: 30 })
    ).body as { id: string };

    const results = await Promise.all(students.map((s) => post(s, `/${group.id}/join`)));
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    const joined = results.filter((r) => r.body.status === 'member').length;
    const waiting = results.filter((r) => r.body.status === 'waitlisted').length;
    expect({ joined, waiting }).toEqual({ joined: 30, waiting: 470 });

    const state = async () => {
      const [g, m] = await Promise.all([
        request(ctx.app).get(`/api/groups/${group.id}`),
        request(ctx.app).get(`/api/groups/${group.id}/members`),
      ]);
      return {
        count: g.body.memberCount as number,
        members: m.body.members as Array<{ userId: string }>,
        waitlist: m.body.waitlist as Array<{ userId: string; position: number }>,
      };
    };
    const before = await state();
    // the owner's own seat is not one of the 30 places
    expect(before.count).toBe(30);
    expect(before.members.filter((m) => m.userId !== owner.id)).toHaveLength(30);
    expect(before.waitlist).toHaveLength(470);
    expect(before.waitlist.map((w) => w.position)).toEqual(Array.from({ length: 470 }, (_, i) => i + 1));
    expect(new Set([...before.members, ...before.waitlist].map((x) => x.userId)).size).toBe(501);

    // Each waiting student was told the place they hold: everyone who asked earlier counts ahead of them, even
    // when that earlier entry was still being written, and nobody who asked later gets ahead.
    const joinedOrder = new Map(before.waitlist.map((w) => [w.userId, w.position]));
    const answered = students.map((s, i) => ({ id: s.id, said: results[i]!.body })).filter((x) => x.said.status === 'waitlisted');
    expect(answered.filter((x) => joinedOrder.get(x.id) !== x.said.position)).toEqual([]);

    // Ten members leave at once: the first ten waiting take their places, in order.
    const leavers = before.members.filter((m) => m.userId !== owner.id).slice(0, 10);
    const byId = new Map(students.map((s) => [s.id, s]));
    const left = await Promise.all(leavers.map((m) => post(byId.get(m.userId)!, `/${group.id}/leave`)));
    expect(left.map((r) => r.body)).toEqual(Array(10).fill({ promoted: true }));
    const after = await state();
    expect(after.count).toBe(30);
    expect(after.members.filter((m) => m.userId !== owner.id)).toHaveLength(30);
    expect(after.waitlist).toHaveLength(460);
    const promoted = before.waitlist.slice(0, 10).map((w) => w.userId);
    for (const id of promoted) expect(after.members.map((m) => m.userId)).toContain(id);
    expect(after.waitlist[0]!.userId).toBe(before.waitlist[10]!.userId);
  }, 300_000);

  it('when a burst to a full group holds the same students twice and a banned one, then each waits once, the banned one is refused, and positions stay 1..n', async () => {
    // A student's second request takes a number that turns out unused once the first is filed; until then it counts
    // as ahead of later numbers, so an answer may name a place a little further back than where the student ends up,
    // never one further forward.
    const owner = await ctx.users.signUp('Owner');
    const group = (
      await request(ctx.app).post('/api/groups').set(auth(owner)).send({ name: 'Full', course: 'CS102', subject: 'CS', capacity: 2 })
    ).body as { id: string };
    const [first, second, outcast, ...rest] = students.slice(0, 43) as [TestAccount, TestAccount, TestAccount, ...TestAccount[]];
    for (const who of [first, second]) expect((await post(who, `/${group.id}/join`)).body.status).toBe('member');
    expect((await request(ctx.app).put(`/api/groups/${group.id}/bans/${outcast.id}`).set(auth(owner))).status).toBeLessThan(300);

    // every one of the 40 asks twice at once, the banned student among them
    const askers = [...rest, ...rest, outcast];
    const results = await Promise.all(askers.map((s) => post(s, `/${group.id}/join`)));
    expect(results.at(-1)).toMatchObject({ status: 403 });
    const answers = results.slice(0, -1);
    expect(answers.filter((r) => r.status !== 200 || r.body.status !== 'waitlisted')).toEqual([]);

    const listed = (await request(ctx.app).get(`/api/groups/${group.id}/members`).set(auth(owner))).body as {
      waitlist: Array<{ userId: string; position: number }>;
    };
    expect(listed.waitlist.map((w) => w.position)).toEqual(Array.from({ length: rest.length }, (_, i) => i + 1));
    expect(new Set(listed.waitlist.map((w) => w.userId))).toEqual(new Set(rest.map((s) => s.id)));
    const told = new Map(rest.map((s, i) => [s.id, Math.min(answers[i]!.body.position!, answers[i + rest.length]!.body.position!)]));
    expect(listed.waitlist.filter((w) => told.get(w.userId)! < w.position)).toEqual([]);
  });
});
