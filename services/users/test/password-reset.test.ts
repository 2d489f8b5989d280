import request from 'supertest';
import { createTestContext, expectError, signUp, uniqueEmail, type TestContext } from './support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const csrf = { 'x-csrf-protection': '1' };
const ask = (email: string) => request(ctx.app).post('/api/users/auth/password-reset').send({ email });
const complete = (token: string, password: string) =>
  request(ctx.app).post('/api/users/auth/password-reset/complete').send({ token, password });
/** The reset events written for an account: what the notifications service is told to email. */
const resetEvents = async (userId: string) =>
  (
    await ctx.pool.query<{ data: { userId: string; token: string; expiresAt: string } }>(
      `SELECT data FROM outbox WHERE destination = 'notifications' AND type = 'password-reset-requested' AND key = $1 ORDER BY id`,
      [userId],
    )
  ).rows.map((r) => r.data);

describe('a forgotten password', () => {
  it('when someone asks for a link and uses it, then the new password works, every session ends, and the link works once', async () => {
    const me = await signUp(ctx.app);
    const asked = await ask(me.email.toUpperCase());
    expect([asked.status, asked.body]).toEqual([202, { accepted: true }]);
    const [event] = await resetEvents(me.id);
    expect(event!.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(event!.expiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(Date.parse(event!.expiresAt) - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    // only its hash is kept
    const { rows } = await ctx.pool.query<{ token_hash: Buffer }>('SELECT token_hash FROM password_resets WHERE user_id = $1', [me.id]);
    expect(rows.map((r) => r.token_hash.length)).toEqual([32]);
    expect(rows[0]!.token_hash.toString('base64url')).not.toBe(event!.token);

    const done = await complete(event!.token, 'a brand new passphrase');
    expect(done.status).toBe(204);
    expectError(await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', me.refreshCookie).set(csrf), 401, 'session-ended');
    expectError(
      await request(ctx.app).post('/api/users/auth/login').send({ email: me.email, password: me.password }),
      401,
      'invalid-credentials',
    );
    expect(
      (await request(ctx.app).post('/api/users/auth/login').send({ email: me.email, password: 'a brand new passphrase' })).status,
    ).toBe(200);
    expectError(await complete(event!.token, 'yet another passphrase'), 400, 'reset-link-invalid');
  });

  it('when the email is unknown, then the answer is the same and nothing is written', async () => {
    const before = (await ctx.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM password_resets')).rows[0]!.n;
    const asked = await ask(uniqueEmail('nobody'));
    expect([asked.status, asked.body]).toEqual([202, { accepted: true }]);
    expect((await ctx.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM password_resets')).rows[0]!.n).toBe(before);
  });

  it('when a link has expired, is made up, or a fourth is asked within the half hour, then it does not work', async () => {
    const me = await signUp(ctx.app);
    for (let i = 0; i < 4; i++) expect((await ask(me.email)).status).toBe(202);
    const events = await resetEvents(me.id);
    expect(events).toHaveLength(3);
    await ctx.pool.query(`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [me.id]);
    expectError(await complete(events[0]!.token, 'a brand new passphrase'), 400, 'reset-link-invalid');
    expectError(await complete('A'.repeat(43), 'a brand new passphrase'), 400, 'reset-link-invalid');
    expectError(await complete('short', 'a brand new passphrase'), 400, 'validation-failed');
    expect((await request(ctx.app).post('/api/users/auth/login').send({ email: me.email, password: me.password })).status).toBe(200);
  });

  it('when user B uses a link made for A, then it sets A’s password only, and B’s account is untouched', async () => {
    const a = await signUp(ctx.app);
    const b = await signUp(ctx.app);
    await ask(a.email);
    const [event] = await resetEvents(a.id);
    expect((await complete(event!.token, 'b chose this for a')).status).toBe(204);
    expect((await request(ctx.app).post('/api/users/auth/login').send({ email: b.email, password: b.password })).status).toBe(200);
    expect(await resetEvents(b.id)).toEqual([]);
  });

  it('when a suspended account asks, then no link is made', async () => {
    const me = await signUp(ctx.app);
    await ctx.pool.query(`UPDATE users SET status = 'suspended' WHERE id = $1`, [me.id]);
    expect((await ask(me.email)).status).toBe(202);
    expect(await resetEvents(me.id)).toEqual([]);
  });
});
