import request from 'supertest';
import { auth, createTestContext, expectError, type TestAccount, type TestContext } from './support';

let ctx: TestContext;
let owner: TestAccount;
beforeAll(async () => {
  ctx = await createTestContext();
  owner = await ctx.users.signUp('Priv Owner');
});
afterAll(() => ctx.close());

const privateGroup = async (capacity = 3) =>
  (
    await request(ctx.app)
      .post('/api/groups')
      .set(auth(owner))
      .send({ name: 'Quiet study', course: 'PSY101', subject: 'Psychology', capacity, visibility: 'private' })
  ).body as { id: string; visibility: string };

describe('private groups', () => {
  it('when someone asks to join, then it is a request the owner sees and approves; asking again changes nothing', async () => {
    const group = await privateGroup();
    expect(group.visibility).toBe('private');
    const asker = await ctx.users.signUp();
    expect((await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(asker))).body).toEqual({ status: 'requested' });
    expect((await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(asker))).body).toEqual({ status: 'requested' });
    const requests = await request(ctx.app).get(`/api/groups/${group.id}/requests`).set(auth(owner));
    expect(requests.body.requests.map((r: { userId: string }) => r.userId)).toEqual([asker.id]);
    expect(
      (await request(ctx.app).post(`/api/groups/${group.id}/requests/${asker.id}`).set(auth(owner)).send({ decision: 'approve' })).status,
    ).toBe(204);
    expect((await request(ctx.app).get(`/api/groups/${group.id}`)).body.memberCount).toBe(1);
    expect((await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(asker))).body).toEqual({ status: 'member' });
    expect((await request(ctx.app).get(`/api/groups/${group.id}/requests`).set(auth(owner))).body.requests).toEqual([]);
  });

  it('when a request is declined, then it is gone and the asker is not a member', async () => {
    const group = await privateGroup();
    const asker = await ctx.users.signUp();
    await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(asker));
    expect(
      (await request(ctx.app).post(`/api/groups/${group.id}/requests/${asker.id}`).set(auth(owner)).send({ decision: 'decline' })).status,
    ).toBe(204);
    expectError(
      await request(ctx.app).post(`/api/groups/${group.id}/requests/${asker.id}`).set(auth(owner)).send({ decision: 'approve' }),
      404,
      'request-not-found',
    );
    expect((await request(ctx.app).get(`/api/groups/${group.id}`)).body.memberCount).toBe(0);
  });

  it('when the group is full, then approving is 409 and the request stays', async () => {
    const group = await privateGroup(2);
    const [x, a, b] = [await ctx.users.signUp(), await ctx.users.signUp(), await ctx.users.signUp()];
    for (const who of [x, a, b]) await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(who));
    for (const who of [x, a])
      await request(ctx.app).post(`/api/groups/${group.id}/requests/${who.id}`).set(auth(owner)).send({ decision: 'approve' });
    expectError(
      await request(ctx.app).post(`/api/groups/${group.id}/requests/${b.id}`).set(auth(owner)).send({ decision: 'approve' }),
      409,
      'group-full',
    );
    expect(
      (await request(ctx.app).get(`/api/groups/${group.id}/requests`).set(auth(owner))).body.requests.map(
        (r: { userId: string }) => r.userId,
      ),
    ).toEqual([b.id]);
  });

  it('when a member, an outsider or anonymous tries to see requests, answer one, or (outsiders) list members, then they are refused', async () => {
    const group = await privateGroup();
    const [member, outsider] = [await ctx.users.signUp(), await ctx.users.signUp()];
    await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(member));
    await request(ctx.app).post(`/api/groups/${group.id}/requests/${member.id}`).set(auth(owner)).send({ decision: 'approve' });
    await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(outsider));
    for (const who of [member, outsider]) {
      expectError(await request(ctx.app).get(`/api/groups/${group.id}/requests`).set(auth(who)), 403, 'managers-only');
      expectError(
        await request(ctx.app).post(`/api/groups/${group.id}/requests/${outsider.id}`).set(auth(who)).send({ decision: 'approve' }),
        403,
        'managers-only',
      );
    }
    expectError(await request(ctx.app).get(`/api/groups/${group.id}/requests`), 401, 'authentication-required');
    expectError(await request(ctx.app).get(`/api/groups/${group.id}/members`).set(auth(outsider)), 403, 'members-only');
    expectError(await request(ctx.app).get(`/api/groups/${group.id}/members`), 403, 'members-only');
    expect((await request(ctx.app).get(`/api/groups/${group.id}/members`).set(auth(member))).body.members).toHaveLength(2);
    // the outsider's request is still waiting, untouched by the refused attempts
    expect(
      (await request(ctx.app).get(`/api/groups/${group.id}/requests`).set(auth(owner))).body.requests.map(
        (r: { userId: string }) => r.userId,
      ),
    ).toEqual([outsider.id]);
  });
});
