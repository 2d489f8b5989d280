import request from 'supertest';
import { auth, createTestContext, expectError, type TestAccount, type TestContext } from './support';

let ctx: TestContext;
let owner: TestAccount;
beforeAll(async () => {
  ctx = await createTestContext();
  owner = await ctx.users.signUp('Olga Owner');
});
afterAll(() => ctx.close());

async function groupWith(count: number, visibility = 'public') {
  const group = (
    await request(ctx.app)
      .post('/api/groups')
      .set(auth(owner))
      .send({ name: 'History seminar', course: 'HIST101', subject: 'History', capacity: 10, visibility })
  ).body as { id: string };
  const people: TestAccount[] = [];
  for (let i = 0; i < count; i++) {
    const who = await ctx.users.signUp(`Member ${i}`);
    await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(who));
    if (visibility === 'private')
      await request(ctx.app).post(`/api/groups/${group.id}/requests/${who.id}`).set(auth(owner)).send({ decision: 'approve' });
    people.push(who);
  }
  return { id: group.id, people };
}
const post = (groupId: string, who: TestAccount, body: string) =>
  request(ctx.app).post(`/api/groups/${groupId}/posts`).set(auth(who)).send({ body });

describe('discussion', () => {
  it('when members post and reply, then posts come newest first with their reply count and replies oldest first', async () => {
    const { id, people } = await groupWith(2);
    const [a, b] = people as [TestAccount, TestAccount];
    const first = (await post(id, a, 'Who has notes on the Congress of Vienna?')).body as { id: string };
    expect(first).toMatchObject({ authorId: a.id, authorName: 'Member 0', parentId: null, replyCount: 0, deleted: false, editedAt: null });
    const second = (await post(id, b, 'Meeting moved to Thursday')).body as { id: string };
    const replies = [];
    for (const text of ['I do', 'Me too'])
      replies.push((await request(ctx.app).post(`/api/groups/${id}/posts/${first.id}/replies`).set(auth(b)).send({ body: text })).body);
    expect(replies[0]).toMatchObject({ parentId: first.id, body: 'I do' });
    const posts = (await request(ctx.app).get(`/api/groups/${id}/posts`)).body.posts as Array<{ id: string; replyCount: number }>;
    expect(posts.map((p) => [p.id, p.replyCount])).toEqual([
      [second.id, 0],
      [first.id, 2],
    ]);
    const thread = (await request(ctx.app).get(`/api/groups/${id}/posts/${first.id}/replies`)).body.posts as Array<{ body: string }>;
    expect(thread.map((r) => r.body)).toEqual(['I do', 'Me too']);
  });

  it('when paging 7 posts 3 at a time, then every post appears once in order; a forged cursor is a 400', async () => {
    const { id, people } = await groupWith(1);
    const written: string[] = [];
    for (let i = 0; i < 7; i++) written.push((await post(id, people[0]!, `Post ${i}`)).body.id as string);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await request(ctx.app)
        .get(`/api/groups/${id}/posts`)
        .query({ limit: 3, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      seen.push(...res.body.posts.map((p: { id: string }) => p.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(written.reverse());
    expectError(await request(ctx.app).get(`/api/groups/${id}/posts`).query({ cursor: 'bm90LWEtY3Vyc29y' }), 400, 'validation-failed');
  });

  it('when a post is too long, empty or from an outsider, then it is refused and nothing is stored', async () => {
    const { id, people } = await groupWith(1);
    expectError(await post(id, people[0]!, 'x'.repeat(5001)), 400, 'validation-failed');
    expectError(await post(id, people[0]!, '   '), 400, 'validation-failed');
    expectError(await post(id, await ctx.users.signUp(), 'Hello'), 403, 'members-only');
    expect((await request(ctx.app).get(`/api/groups/${id}/posts`)).body.posts).toEqual([]);
    expect((await post(id, people[0]!, 'x'.repeat(5000))).status).toBe(201);
  });

  it('when authors edit and delete, then only their own; a moderator deletes anyone’s, and a deleted post keeps its thread without its text', async () => {
    const { id, people } = await groupWith(3);
    const [author, other, moderator] = people as [TestAccount, TestAccount, TestAccount];
    await request(ctx.app).put(`/api/groups/${id}/members/${moderator.id}/role`).set(auth(owner)).send({ role: 'moderator' });
    const p = (await post(id, author, 'Frist post')).body as { id: string };
    const reply = (await request(ctx.app).post(`/api/groups/${id}/posts/${p.id}/replies`).set(auth(other)).send({ body: 'typo!' }))
      .body as { id: string };
    const edited = await request(ctx.app).patch(`/api/groups/${id}/posts/${p.id}`).set(auth(author)).send({ body: 'First post' });
    expect(edited.body).toMatchObject({ body: 'First post', editedAt: expect.any(String) });
    expectError(
      await request(ctx.app).patch(`/api/groups/${id}/posts/${p.id}`).set(auth(other)).send({ body: 'Hijacked' }),
      403,
      'author-only',
    );
    expectError(
      await request(ctx.app).patch(`/api/groups/${id}/posts/${p.id}`).set(auth(moderator)).send({ body: 'Hijacked' }),
      403,
      'author-only',
    );
    expectError(await request(ctx.app).delete(`/api/groups/${id}/posts/${p.id}`).set(auth(other)), 403, 'author-only');
    expect(
      (await request(ctx.app).patch(`/api/groups/${id}/posts/${p.id}/replies/${reply.id}`).set(auth(other)).send({ body: 'nice' })).status,
    ).toBe(200);
    expect((await request(ctx.app).delete(`/api/groups/${id}/posts/${p.id}/replies/${reply.id}`).set(auth(moderator))).status).toBe(204);
    expect((await request(ctx.app).delete(`/api/groups/${id}/posts/${p.id}`).set(auth(author))).status).toBe(204);
    expectError(await request(ctx.app).delete(`/api/groups/${id}/posts/${p.id}`).set(auth(author)), 404, 'post-not-found');
    const [shown] = (await request(ctx.app).get(`/api/groups/${id}/posts`)).body.posts as Array<{ body: string; deleted: boolean }>;
    expect(shown).toMatchObject({ id: p.id, deleted: true, body: '', replyCount: 1 });
    expectError(
      await request(ctx.app).post(`/api/groups/${id}/posts/${p.id}/replies`).set(auth(other)).send({ body: 'late' }),
      404,
      'post-not-found',
    );
  });

  it('when outsiders or anonymous read a private group’s discussion, then 403; its members read it', async () => {
    const { id, people } = await groupWith(1, 'private');
    const p = (await post(id, people[0]!, 'Members only')).body as { id: string };
    expect(p.id).toBeDefined();
    for (const path of [`/api/groups/${id}/posts`, `/api/groups/${id}/posts/${p.id}/replies`]) {
      expectError(await request(ctx.app).get(path), 403, 'members-only');
      expectError(
        await request(ctx.app)
          .get(path)
          .set(auth(await ctx.users.signUp())),
        403,
        'members-only',
      );
      expect((await request(ctx.app).get(path).set(auth(people[0]!))).status).toBe(200);
    }
  });
});
