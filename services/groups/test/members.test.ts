import request from 'supertest';
import { auth, createTestContext, expectError, type TestAccount, type TestContext } from './support';

let ctx: TestContext;
let owner: TestAccount;
beforeAll(async () => {
  ctx = await createTestContext();
  owner = await ctx.users.signUp('Olga Owner');
});
afterAll(() => ctx.close());

async function groupWith(capacity: number, count: number, visibility = 'public') {
  const group = (
    await request(ctx.app)
      .post('/api/groups')
      .set(auth(owner))
      .send({ name: 'Stats study', course: 'STAT101', subject: 'Statistics', capacity, visibility })
  ).body as { id: string };
  const people: TestAccount[] = [];
  for (let i = 0; i < count; i++) {
    const who = await ctx.users.signUp();
    await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(who));
    people.push(who);
  }
  return { id: group.id, people };
}
const roles = async (groupId: string) =>
  Object.fromEntries(
    ((await request(ctx.app).get(`/api/groups/${groupId}/members`)).body.members as Array<{ userId: string; role: string }>).map((m) => [
      m.userId,
      m.role,
    ]),
  );
const setRole = (groupId: string, who: TestAccount, target: string, role: string) =>
  request(ctx.app).put(`/api/groups/${groupId}/members/${target}/role`).set(auth(who)).send({ role });

describe('roles', () => {
  it('when the owner names a moderator and takes it back, then the role changes; nobody else can', async () => {
    const { id, people } = await groupWith(5, 2);
    const [a, b] = people as [TestAccount, TestAccount];
    expect((await setRole(id, owner, a.id, 'moderator')).status).toBe(204);
    expect((await roles(id))[a.id]).toBe('moderator');
    expectError(await setRole(id, a, b.id, 'moderator'), 403, 'owner-only');
    expectError(await setRole(id, owner, owner.id, 'member'), 409, 'not-yourself');
    expectError(await setRole(id, owner, '0b8f9d4e-1234-4abc-8def-0123456789ab', 'moderator'), 404, 'member-not-found');
    expect((await setRole(id, owner, a.id, 'member')).status).toBe(204);
    expect((await roles(id))[a.id]).toBe('member');
  });

  it('when the owner hands the group on, then the new owner owns it and the old one moderates; the count stays', async () => {
    const { id, people } = await groupWith(5, 2);
    const [a] = people as [TestAccount];
    expectError(await request(ctx.app).put(`/api/groups/${id}/owner`).set(auth(a)).send({ userId: a.id }), 403, 'owner-only');
    const outsider = await ctx.users.signUp();
    expectError(
      await request(ctx.app).put(`/api/groups/${id}/owner`).set(auth(owner)).send({ userId: outsider.id }),
      404,
      'member-not-found',
    );
    expect((await request(ctx.app).put(`/api/groups/${id}/owner`).set(auth(owner)).send({ userId: a.id })).status).toBe(204);
    const group = (await request(ctx.app).get(`/api/groups/${id}`)).body;
    expect(group).toMatchObject({ ownerId: a.id, memberCount: 2 });
    expect(await roles(id)).toMatchObject({ [a.id]: 'owner', [owner.id]: 'moderator' });
    // the old owner can now leave like anyone else; the new one cannot
    expectError(await request(ctx.app).post(`/api/groups/${id}/leave`).set(auth(a)), 409, 'owner-cannot-leave');
    expect((await request(ctx.app).post(`/api/groups/${id}/leave`).set(auth(owner))).status).toBe(200);
  });
});

describe('removing and banning', () => {
  it('when a moderator removes a member, then the waitlist moves up; a moderator cannot remove a moderator or the owner', async () => {
    const { id, people } = await groupWith(3, 4);
    const [mod, other, member, waiting] = people as [TestAccount, TestAccount, TestAccount, TestAccount];
    await setRole(id, owner, mod.id, 'moderator');
    await setRole(id, owner, other.id, 'moderator');
    const removed = await request(ctx.app).delete(`/api/groups/${id}/members/${member.id}`).set(auth(mod));
    expect(removed.body).toEqual({ promoted: true });
    expect(await roles(id)).toMatchObject({ [waiting.id]: 'member' });
    expect(await roles(id)).not.toHaveProperty(member.id);
    expectError(await request(ctx.app).delete(`/api/groups/${id}/members/${other.id}`).set(auth(mod)), 403, 'outranked');
    expectError(await request(ctx.app).delete(`/api/groups/${id}/members/${owner.id}`).set(auth(mod)), 403, 'outranked');
    expectError(await request(ctx.app).delete(`/api/groups/${id}/members/${mod.id}`).set(auth(mod)), 409, 'not-yourself');
    expectError(await request(ctx.app).delete(`/api/groups/${id}/members/${mod.id}`).set(auth(waiting)), 403, 'managers-only');
    // the owner outranks moderators
    expect((await request(ctx.app).delete(`/api/groups/${id}/members/${other.id}`).set(auth(owner))).body).toEqual({ promoted: false });
    // a removed member may come back
    expect((await request(ctx.app).post(`/api/groups/${id}/join`).set(auth(member))).body).toEqual({ status: 'member' });
  });

  it('when a member, a waiting user and a requester are banned, then they lose their places and cannot come back until unbanned', async () => {
    const { id, people } = await groupWith(1, 2);
    const [member, waiting] = people as [TestAccount, TestAccount];
    for (const who of [member, waiting])
      expect((await request(ctx.app).put(`/api/groups/${id}/bans/${who.id}`).set(auth(owner))).status).toBe(204);
    const after = (await request(ctx.app).get(`/api/groups/${id}/members`)).body;
    expect(after.members.map((m: { userId: string }) => m.userId)).toEqual([owner.id]);
    expect(after.waitlist).toEqual([]);
    expect((await request(ctx.app).get(`/api/groups/${id}`)).body.memberCount).toBe(0);
    expectError(await request(ctx.app).post(`/api/groups/${id}/join`).set(auth(member)), 403, 'banned');
    expect((await request(ctx.app).get(`/api/groups/${id}`).set(auth(member))).body.viewer).toMatchObject({ banned: true });
    const bans = (await request(ctx.app).get(`/api/groups/${id}/bans`).set(auth(owner))).body.bans as Array<{ userId: string }>;
    expect(bans.map((b) => b.userId).sort()).toEqual([member.id, waiting.id].sort());
    expect((await request(ctx.app).delete(`/api/groups/${id}/bans/${member.id}`).set(auth(owner))).status).toBe(204);
    expectError(await request(ctx.app).delete(`/api/groups/${id}/bans/${member.id}`).set(auth(owner)), 404, 'ban-not-found');
    expect((await request(ctx.app).post(`/api/groups/${id}/join`).set(auth(member))).body).toEqual({ status: 'member' });

    const privateGroup = await groupWith(3, 1, 'private');
    const [requester] = privateGroup.people as [TestAccount];
    await request(ctx.app).put(`/api/groups/${privateGroup.id}/bans/${requester.id}`).set(auth(owner));
    expect((await request(ctx.app).get(`/api/groups/${privateGroup.id}/requests`).set(auth(owner))).body.requests).toEqual([]);
    expectError(await request(ctx.app).post(`/api/groups/${privateGroup.id}/join`).set(auth(requester)), 403, 'banned');
  });

  it('when someone leaves the waitlist, then they are off it and the places behind them move up', async () => {
    const { id, people } = await groupWith(1, 3);
    const [, first, second] = people as [TestAccount, TestAccount, TestAccount];
    expect((await request(ctx.app).post(`/api/groups/${id}/leave`).set(auth(first))).body).toEqual({ promoted: false });
    const { waitlist } = (await request(ctx.app).get(`/api/groups/${id}/members`)).body;
    expect(waitlist).toEqual([expect.objectContaining({ userId: second.id, position: 1 })]);
    expect((await request(ctx.app).get(`/api/groups/${id}`).set(auth(second))).body.viewer).toMatchObject({ waitlistPosition: 1 });
  });
});
