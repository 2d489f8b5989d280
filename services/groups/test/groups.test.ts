import request from 'supertest';
import { encodeCursor } from '@tutoring-platform/shared';
import { untilChanged } from '@tutoring-platform/testing';
import { auth, createTestContext, expectError, type TestAccount, type TestContext } from './support';

let ctx: TestContext;
let owner: TestAccount;
beforeAll(async () => {
  ctx = await createTestContext();
  owner = await ctx.users.signUp('Olga Owner');
});
afterAll(() => ctx.close());

const newGroup = (capacity = 5, extra: Record<string, unknown> = {}) =>
  request(ctx.app)
    .post('/api/groups')
    .set(auth(owner))
    .send({ name: 'Linear algebra crew', course: 'MATH210', subject: 'Mathematics', capacity, ...extra });

describe('groups', () => {
  it('when a student creates a public group, then it exists with them as owner and first member', async () => {
    const res = await newGroup(5, { tags: ['Exam-Prep'], description: 'Weekly problem sets' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Linear algebra crew',
      course: 'MATH210',
      ownerId: owner.id,
      memberCount: 0,
      capacity: 5,
      visibility: 'public',
      tags: ['exam-prep'],
    });
    const got = await request(ctx.app).get(`/api/groups/${res.body.id}`);
    expect(got.body).toEqual(res.body);
    const members = await request(ctx.app).get(`/api/groups/${res.body.id}/members`);
    expect(members.body).toMatchObject({ members: [{ userId: owner.id, role: 'owner' }], waitlist: [] });
  });

  it('when the body is bad, anonymous or the group unknown, then 400, 401 or 404', async () => {
    expectError(await newGroup(0), 400, 'validation-failed');
    expectError(await newGroup(5, { ownerId: owner.id }), 400, 'validation-failed');
    expectError(
      await request(ctx.app).post('/api/groups').send({ name: 'x', course: 'c', subject: 's', capacity: 5 }),
      401,
      'authentication-required',
    );
    expectError(await request(ctx.app).get('/api/groups/0b8f9d4e-1234-4abc-8def-0123456789ab'), 404, 'group-not-found');
    expectError(
      await request(ctx.app).post('/api/groups/0b8f9d4e-1234-4abc-8def-0123456789ab/join').set(auth(owner)),
      404,
      'group-not-found',
    );
  });

  it('when the group is full, then joiners get numbered waitlist places; joining again changes nothing', async () => {
    const group = (await newGroup(2)).body as { id: string };
    const [x, a, b, c] = [await ctx.users.signUp(), await ctx.users.signUp(), await ctx.users.signUp(), await ctx.users.signUp()];
    expect((await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(x))).body).toEqual({ status: 'member' });
    expect((await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(a))).body).toEqual({ status: 'member' });
    expect((await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(b))).body).toEqual({ status: 'waitlisted', position: 1 });
    expect((await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(c))).body).toEqual({ status: 'waitlisted', position: 2 });
    expect((await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(a))).body).toEqual({ status: 'member' });
    expect((await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(c))).body).toEqual({ status: 'waitlisted', position: 2 });
    expect((await request(ctx.app).get(`/api/groups/${group.id}`)).body.memberCount).toBe(2);
  });

  it('when a member leaves, then the head of the waitlist takes the place and the count stays', async () => {
    const group = (await newGroup(2)).body as { id: string };
    const [x, a, b, c] = [await ctx.users.signUp(), await ctx.users.signUp(), await ctx.users.signUp(), await ctx.users.signUp()];
    for (const who of [x, a, b, c]) await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(who));
    expect((await request(ctx.app).post(`/api/groups/${group.id}/leave`).set(auth(a))).body).toEqual({ promoted: true });
    const after = (await request(ctx.app).get(`/api/groups/${group.id}/members`)).body;
    expect(after.members.map((m: { userId: string }) => m.userId).sort()).toEqual([owner.id, x.id, b.id].sort());
    expect(after.waitlist).toEqual([expect.objectContaining({ userId: c.id, position: 1 })]);
    expect((await request(ctx.app).get(`/api/groups/${group.id}`)).body.memberCount).toBe(2);
    // nobody waits now except c; b leaves -> c promoted; c leaves -> the count drops
    await request(ctx.app).post(`/api/groups/${group.id}/leave`).set(auth(b));
    expect((await request(ctx.app).post(`/api/groups/${group.id}/leave`).set(auth(c))).body).toEqual({ promoted: false });
    expect((await request(ctx.app).get(`/api/groups/${group.id}`)).body.memberCount).toBe(1);
  });

  it('when a non-member leaves or the owner tries to, then 409 and nothing changes', async () => {
    const group = (await newGroup(3)).body as { id: string };
    expectError(
      await request(ctx.app)
        .post(`/api/groups/${group.id}/leave`)
        .set(auth(await ctx.users.signUp())),
      409,
      'not-a-member',
    );
    expectError(await request(ctx.app).post(`/api/groups/${group.id}/leave`).set(auth(owner)), 409, 'owner-cannot-leave');
    expect((await request(ctx.app).get(`/api/groups/${group.id}`)).body.memberCount).toBe(0);
  });

  it('when browsing by course, then public groups of that course come back most recently active first, filtered by text and space', async () => {
    const course = `BR${Date.now() % 1_000_000}`;
    const make = async (name: string, capacity: number) =>
      (
        await request(ctx.app)
          .post('/api/groups')
          .set(auth(owner))
          .send({ name, course, subject: 'Biology', capacity, tags: ['genetics'] })
      ).body as { id: string };
    const older = await make('Punnett squares practice', 2);
    const newer = await make('Cell biology review', 5);
    const browse = (query: Record<string, string>) =>
      request(ctx.app)
        .get('/api/groups')
        .query({ course, ...query });
    expect((await browse({})).body.groups.map((g: { id: string }) => g.id)).toEqual([newer.id, older.id]);
    // activity moves a group to the front
    for (let i = 0; i < 2; i++)
      await request(ctx.app)
        .post(`/api/groups/${older.id}/join`)
        .set(auth(await ctx.users.signUp()));
    expect((await browse({})).body.groups.map((g: { id: string }) => g.id)).toEqual([older.id, newer.id]);
    expect((await browse({ q: 'PUNNETT' })).body.groups.map((g: { id: string }) => g.id)).toEqual([older.id]);
    expect((await browse({ q: 'genetics' })).body.groups).toHaveLength(2);
    // the older group is now full (two joiners, capacity 2)
    expect((await browse({ hasSpace: 'true' })).body.groups.map((g: { id: string }) => g.id)).toEqual([newer.id]);
    const all = await request(ctx.app).get('/api/groups').query({ limit: 50 });
    expect(all.body.groups.map((g: { id: string }) => g.id)).toEqual(expect.arrayContaining([older.id, newer.id]));
  });

  it('when paging through a course, then every group appears once; a forged cursor is a 400', async () => {
    const course = `PG${Date.now() % 1_000_000}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          await request(ctx.app)
            .post('/api/groups')
            .set(auth(owner))
            .send({ name: `G${i}`, course, subject: 'S', capacity: 3 })
        ).body.id,
      );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await request(ctx.app)
        .get('/api/groups')
        .query({ course, limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.body.groups.map((g: { id: string }) => g.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expectError(await request(ctx.app).get('/api/groups').query({ cursor: 'bm90LWpzb24' }), 400, 'validation-failed');
    // well-formed but foreign: another listing's cursor, or invented keys
    const courseCursor = (await request(ctx.app).get('/api/groups').query({ course, limit: 1 })).body.nextCursor;
    expectError(await request(ctx.app).get('/api/groups').query({ cursor: courseCursor }), 400, 'invalid-cursor');
    expectError(
      await request(ctx.app)
        .get('/api/groups')
        .query({ cursor: encodeCursor({ a: 'b' }) }),
      400,
      'invalid-cursor',
    );
  });

  it('when listing my groups, then I see the groups I belong to with my role, and nobody else sees them as theirs', async () => {
    const me = await ctx.users.signUp();
    const mine = (await request(ctx.app).post('/api/groups').set(auth(me)).send({ name: 'Mine', course: 'X1', subject: 'S', capacity: 3 }))
      .body as { id: string };
    const theirs = (await newGroup(3)).body as { id: string };
    await request(ctx.app).post(`/api/groups/${theirs.id}/join`).set(auth(me));
    const res = await request(ctx.app).get('/api/groups/mine').set(auth(me));
    expect(res.body.groups.map((g: { id: string; myRole: string }) => [g.id, g.myRole])).toEqual([
      [theirs.id, 'member'],
      [mine.id, 'owner'],
    ]);
    const stranger = await ctx.users.signUp();
    expect((await request(ctx.app).get('/api/groups/mine').set(auth(stranger))).body.groups).toEqual([]);
    expectError(await request(ctx.app).get('/api/groups/mine'), 401, 'authentication-required');
  });
});

describe('a suspended account', () => {
  it('when the users service suspends someone, then this service refuses their access token within its poll interval', async () => {
    const member = await ctx.users.signUp('Soon Suspended');
    expect((await request(ctx.app).get('/api/groups/mine').set(auth(member))).status).toBe(200);
    const admin = await ctx.users.signUpAdmin();
    const suspended = await fetch(`${ctx.users.baseUrl}/admin/users/${member.id}/suspend`, {
      method: 'POST',
      headers: { ...auth(admin), 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'spam' }),
    });
    expect(suspended.status).toBe(200);
    const refused = await untilChanged(async () => (await request(ctx.app).get('/api/groups/mine').set(auth(member))).status, 200);
    expect(refused.status).toBe(401);
    // this test context polls every 200 ms; the services' default is 20 s
    expect(refused.afterMs).toBeLessThan(2_000);
    expect((await request(ctx.app).get('/api/groups/mine').set(auth(owner))).status).toBe(200);
  });
});
