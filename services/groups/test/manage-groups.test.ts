import request from 'supertest';
import { auth, createTestContext, expectError, type TestAccount, type TestContext } from './support';

let ctx: TestContext;
let owner: TestAccount;
beforeAll(async () => {
  ctx = await createTestContext();
  owner = await ctx.users.signUp('Olga Owner');
});
afterAll(() => ctx.close());

const create = (extra: Record<string, unknown> = {}, who = owner) =>
  request(ctx.app)
    .post('/api/groups')
    .set(auth(who))
    .send({ name: 'Organic chemistry', course: 'CHEM220', subject: 'Chemistry', capacity: 4, ...extra });
const join = (groupId: string, who: TestAccount, body?: object) =>
  request(ctx.app).post(`/api/groups/${groupId}/join`).set(auth(who)).send(body);

describe('creating and editing groups', () => {
  it('when a group is created with every field, then they all come back, and the invite code never does', async () => {
    const schedule = { weekday: 3, start: '18:30', durationMinutes: 90, timezone: 'Asia/Kolkata' };
    const res = await create({
      meetingStyle: 'hybrid',
      location: 'Library room 4',
      meetingLink: 'https://meet.example.test/chem',
      schedule,
      visibility: 'unlisted',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      meetingStyle: 'hybrid',
      location: 'Library room 4',
      schedule,
      status: 'active',
      visibility: 'unlisted',
    });
    expect(res.body).not.toHaveProperty('inviteCode');
    expectError(await create({ schedule: { ...schedule, timezone: 'Mars/Olympus' } }), 400, 'validation-failed');
    expectError(await create({ schedule: { ...schedule, start: '25:00' } }), 400, 'validation-failed');
    expectError(await create({ meetingLink: 'javascript:alert(1)' }), 400, 'validation-failed');
  });

  it('when a moderator edits, then only the fields sent change; a member, an outsider or anonymous cannot', async () => {
    const group = (await create({ tags: ['exam'], description: 'Before' })).body as { id: string };
    const [moderator, member] = [await ctx.users.signUp(), await ctx.users.signUp()];
    for (const who of [moderator, member]) await join(group.id, who);
    await request(ctx.app).put(`/api/groups/${group.id}/members/${moderator.id}/role`).set(auth(owner)).send({ role: 'moderator' });
    const edited = await request(ctx.app).patch(`/api/groups/${group.id}`).set(auth(moderator)).send({ description: 'After' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ description: 'After', tags: ['exam'], name: 'Organic chemistry', visibility: 'public' });
    expectError(await request(ctx.app).patch(`/api/groups/${group.id}`).set(auth(member)).send({ name: 'Mine now' }), 403, 'managers-only');
    expectError(await request(ctx.app).patch(`/api/groups/${group.id}`).send({ name: 'Mine now' }), 401, 'authentication-required');
    expectError(await request(ctx.app).patch(`/api/groups/${group.id}`).set(auth(owner)).send({}), 400, 'validation-failed');
    expect((await request(ctx.app).get(`/api/groups/${group.id}`)).body.name).toBe('Organic chemistry');
  });

  it('when capacity is lowered below the members, then 409; when raised, then the waitlist moves up', async () => {
    const group = (await create({ capacity: 2 })).body as { id: string };
    const [a, b, c, d] = [await ctx.users.signUp(), await ctx.users.signUp(), await ctx.users.signUp(), await ctx.users.signUp()];
    for (const who of [a, b, c, d]) await join(group.id, who);
    expectError(
      await request(ctx.app).patch(`/api/groups/${group.id}`).set(auth(owner)).send({ capacity: 1 }),
      409,
      'capacity-below-members',
    );
    expectError(await request(ctx.app).patch(`/api/groups/${group.id}`).set(auth(owner)).send({ capacity: 0 }), 400, 'validation-failed');
    const bigger = await request(ctx.app).patch(`/api/groups/${group.id}`).set(auth(owner)).send({ capacity: 3 });
    expect(bigger.body).toMatchObject({ capacity: 3, memberCount: 3 });
    const members = (await request(ctx.app).get(`/api/groups/${group.id}/members`)).body;
    expect(members.members.map((m: { userId: string }) => m.userId)).toContain(c.id);
    expect(members.waitlist).toEqual([expect.objectContaining({ userId: d.id, position: 1 })]);
    expectError(
      await request(ctx.app).patch(`/api/groups/${group.id}`).set(auth(owner)).send({ capacity: 2 }),
      409,
      'capacity-below-members',
    );
  });

  it('when the owner archives, then the group leaves browsing, takes no joins or edits, and stays readable', async () => {
    const course = `AR${Date.now() % 1_000_000}`;
    const group = (await create({ course })).body as { id: string };
    const moderator = await ctx.users.signUp();
    await join(group.id, moderator);
    await request(ctx.app).put(`/api/groups/${group.id}/members/${moderator.id}/role`).set(auth(owner)).send({ role: 'moderator' });
    expectError(await request(ctx.app).post(`/api/groups/${group.id}/archive`).set(auth(moderator)), 403, 'owner-only');
    const archived = await request(ctx.app).post(`/api/groups/${group.id}/archive`).set(auth(owner));
    expect(archived.body.status).toBe('archived');
    expect((await request(ctx.app).get('/api/groups').query({ course })).body.groups).toEqual([]);
    expectError(await join(group.id, await ctx.users.signUp()), 409, 'group-archived');
    expectError(await request(ctx.app).patch(`/api/groups/${group.id}`).set(auth(owner)).send({ name: 'x' }), 409, 'group-archived');
    expectError(await request(ctx.app).post(`/api/groups/${group.id}/archive`).set(auth(owner)), 409, 'group-archived');
    expect((await request(ctx.app).get(`/api/groups/${group.id}`)).body.status).toBe('archived');
  });
});

describe('browsing', () => {
  it('when browsing by subject or tag, then only matching groups come back; unlisted groups never do', async () => {
    const subject = `Astro${Date.now() % 1_000_000}`;
    const telescopes = (await create({ subject, tags: ['telescopes'] })).body as { id: string };
    const stars = (await create({ subject, tags: ['stars'], visibility: 'private' })).body as { id: string };
    await create({ subject, tags: ['telescopes'], visibility: 'unlisted' });
    const ids = async (query: Record<string, string>) =>
      (
        (
          await request(ctx.app)
            .get('/api/groups')
            .query({ limit: 50, ...query })
        ).body.groups as Array<{ id: string }>
      ).map((g) => g.id);
    expect(await ids({ subject: subject.toUpperCase() })).toEqual([stars.id, telescopes.id]);
    expect(await ids({ subject, tag: 'Telescopes' })).toEqual([telescopes.id]);
  });
});

describe('unlisted groups', () => {
  it('when someone joins without the invite code or with an old one, then 403; with the current one, then they are in', async () => {
    const group = (await create({ visibility: 'unlisted' })).body as { id: string };
    const [guest, member] = [await ctx.users.signUp(), await ctx.users.signUp()];
    const { inviteCode } = (await request(ctx.app).get(`/api/groups/${group.id}/invite`).set(auth(owner))).body as { inviteCode: string };
    expect(inviteCode).toMatch(/^[\w-]{24}$/);
    expectError(await join(group.id, guest), 403, 'invite-required');
    expectError(await join(group.id, guest, { inviteCode: 'guessing' }), 403, 'invite-required');
    expect((await join(group.id, member, { inviteCode })).body).toEqual({ status: 'member' });
    expectError(await request(ctx.app).get(`/api/groups/${group.id}/invite`).set(auth(member)), 403, 'managers-only');
    const rotated = (await request(ctx.app).post(`/api/groups/${group.id}/invite`).set(auth(owner))).body as { inviteCode: string };
    expect(rotated.inviteCode).not.toBe(inviteCode);
    expectError(await join(group.id, guest, { inviteCode }), 403, 'invite-required');
    expect((await join(group.id, guest, { inviteCode: rotated.inviteCode })).body).toEqual({ status: 'member' });
  });

  it('when an outsider reads an unlisted or private group, then they see its summary but not where it meets or its members', async () => {
    for (const visibility of ['unlisted', 'private']) {
      const group = (await create({ visibility, location: 'Room 12', meetingLink: 'https://meet.example.test/x' })).body as { id: string };
      const outsider = await ctx.users.signUp();
      const seen = await request(ctx.app).get(`/api/groups/${group.id}`).set(auth(outsider));
      expect(seen.body).toMatchObject({ name: 'Organic chemistry', location: null, meetingLink: null });
      expect(seen.body.viewer).toEqual({ role: null, waitlistPosition: null, requested: false, banned: false });
      expectError(await request(ctx.app).get(`/api/groups/${group.id}/members`).set(auth(outsider)), 403, 'members-only');
      const mine = await request(ctx.app).get(`/api/groups/${group.id}`).set(auth(owner));
      expect(mine.body).toMatchObject({ location: 'Room 12', viewer: { role: 'owner' } });
    }
  });
});
