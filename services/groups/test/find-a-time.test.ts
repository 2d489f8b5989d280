import { DateTime } from 'luxon';
import request from 'supertest';
import { auth, createTestContext, expectError, type TestAccount, type TestContext } from './support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function groupOf(size: number) {
  const owner = await ctx.users.signUp('Olga Owner');
  const group = (
    await request(ctx.app)
      .post('/api/groups')
      .set(auth(owner))
      .send({ name: 'Linear algebra', course: 'MATH220', subject: 'Maths', capacity: 10 })
  ).body as { id: string };
  const members = [owner];
  for (let i = 1; i < size; i++) {
    const who = await ctx.users.signUp();
    expect((await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(who))).status).toBe(200);
    members.push(who);
  }
  return { id: group.id, members };
}

/** Marks [from, from + hours) as free, written as wall-clock time in the member's own zone. */
const markFree = (groupId: string, who: TestAccount, timezone: string, from: DateTime, hours: number) => {
  const local = from.setZone(timezone);
  return request(ctx.app)
    .put(`/api/groups/${groupId}/free-time/mine`)
    .set(auth(who))
    .send({ timezone, weekly: [{ weekday: local.weekday, start: local.toFormat('HH:mm'), end: local.plus({ hours }).toFormat('HH:mm') }] });
};

const overlap = (groupId: string, who: TestAccount, timezone: string) =>
  request(ctx.app).get(`/api/groups/${groupId}/free-time`).query({ timezone, length: 60 }).set(auth(who));

describe('finding a meeting time', () => {
  it('when 4 members in 3 zones mark the same two hours, then every viewer sees all 4 free there, best first, without names', async () => {
    const group = await groupOf(4);
    // tomorrow 18:00 UTC: 19:00 in Berlin, 13:00 in New York, 03:00 the next day in Tokyo
    const target = DateTime.utc().plus({ days: 1 }).set({ hour: 18, minute: 0, second: 0, millisecond: 0 });
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Europe/Berlin'];
    for (const [i, who] of group.members.entries()) expect((await markFree(group.id, who, zones[i]!, target, 2)).status).toBe(200);

    const seen = await overlap(group.id, group.members[1]!, 'Asia/Tokyo');
    expect(seen.status).toBe(200);
    expect({ members: seen.body.members, answered: seen.body.answered }).toEqual({ members: 4, answered: 4 });
    expect(seen.body.best[0]).toEqual({
      start: target.toISO({ suppressMilliseconds: false }),
      end: target.plus({ hours: 1 }).toISO(),
      free: 4,
    });
    const cells = seen.body.days.flatMap((d: { cells: Array<{ start: string; free: number }> }) => d.cells);
    expect(cells.filter((c: { free: number }) => c.free === 4).map((c: { start: string }) => c.start)).toEqual(
      [0, 30, 60, 90].map((m) => target.plus({ minutes: m }).toISO()),
    );
    for (const who of group.members) expect(JSON.stringify(seen.body)).not.toContain(who.id);

    // a member who leaves no longer counts
    expect((await request(ctx.app).post(`/api/groups/${group.id}/leave`).set(auth(group.members[3]!))).status).toBe(200);
    const after = (await overlap(group.id, group.members[0]!, 'Europe/Berlin')).body;
    expect({ members: after.members, answered: after.answered, free: after.best[0].free }).toEqual({ members: 3, answered: 3, free: 3 });
    // and what they marked is forgotten: back in the group, they start from nothing
    expect((await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(group.members[3]!))).status).toBe(200);
    const mine = await request(ctx.app).get(`/api/groups/${group.id}/free-time/mine`).set(auth(group.members[3]!));
    expect(mine.body).toEqual({ timezone: 'UTC', weekly: [], updatedAt: null });
  });

  it('when a member reads their free time back, then it is what they marked; outsiders can neither mark, read nor see the overlap', async () => {
    const group = await groupOf(2);
    const [owner, member] = group.members as [TestAccount, TestAccount];
    expect((await request(ctx.app).get(`/api/groups/${group.id}/free-time/mine`).set(auth(member))).body).toEqual({
      timezone: 'UTC',
      weekly: [],
      updatedAt: null,
    });
    await request(ctx.app)
      .put(`/api/groups/${group.id}/free-time/mine`)
      .set(auth(member))
      .send({ timezone: 'America/Lima', weekly: [{ weekday: 3, start: '17:30', end: '24:00' }] });
    const mine = (await request(ctx.app).get(`/api/groups/${group.id}/free-time/mine`).set(auth(member))).body;
    expect(mine).toMatchObject({ timezone: 'America/Lima', weekly: [{ weekday: 3, start: '17:30', end: '24:00' }] });
    // the owner's own free time is theirs alone
    expect((await request(ctx.app).get(`/api/groups/${group.id}/free-time/mine`).set(auth(owner))).body.weekly).toEqual([]);

    const outsider = await ctx.users.signUp();
    expectError(await request(ctx.app).get(`/api/groups/${group.id}/free-time/mine`).set(auth(outsider)), 403, 'members-only');
    // a fixed hour: one starting at 23:00 would end at 00:00, before its start, and be refused as invalid instead
    expectError(
      await markFree(group.id, outsider, 'UTC', DateTime.utc().set({ hour: 18, minute: 0, second: 0, millisecond: 0 }), 1),
      403,
      'members-only',
    );
    expectError(await overlap(group.id, outsider, 'UTC'), 403, 'members-only');
    expectError(await request(ctx.app).get(`/api/groups/${group.id}/free-time`).query({ timezone: 'UTC' }), 401, 'authentication-required');
  });

  it.each([
    ['a quarter hour', { timezone: 'UTC', weekly: [{ weekday: 1, start: '18:15', end: '19:00' }] }],
    ['an end before the start', { timezone: 'UTC', weekly: [{ weekday: 1, start: '19:00', end: '18:00' }] }],
    ['weekday 0', { timezone: 'UTC', weekly: [{ weekday: 0, start: '18:00', end: '19:00' }] }],
    ['an unknown zone', { timezone: 'Mars/Olympus', weekly: [] }],
  ])('when the free time has %s, then 400 and nothing changes', async (_, body) => {
    const group = await groupOf(1);
    const [owner] = group.members as [TestAccount];
    expectError(await request(ctx.app).put(`/api/groups/${group.id}/free-time/mine`).set(auth(owner)).send(body), 400, 'validation-failed');
    expect((await request(ctx.app).get(`/api/groups/${group.id}/free-time/mine`).set(auth(owner))).body.updatedAt).toBeNull();
  });
});
