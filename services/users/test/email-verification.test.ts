import jwt from 'jsonwebtoken';
import request from 'supertest';
import { bearer, createTestContext, expectError, signUp, uniqueEmail, verificationTokenOf, type TestContext } from './support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const complete = (token: string) => request(ctx.app).post('/api/users/auth/email-verification/complete').send({ token });
const logIn = (email: string, password: string) => request(ctx.app).post('/api/users/auth/login').send({ email, password });
const claimsOf = (accessToken: string) => jwt.decode(accessToken) as jwt.JwtPayload;
/** The confirmation events written for an account: what the notifications service is told to email. */
const linkEvents = async (userId: string) =>
  (
    await ctx.pool.query<{ data: { email: string; token: string; previousEmail: string | null } }>(
      `SELECT data FROM outbox WHERE type = 'email-verification-requested' AND key = $1 ORDER BY id`,
      [userId],
    )
  ).rows.map((r) => r.data);

describe('confirming an email', () => {
  it('when someone signs up, then a link is sent; following it confirms the email once, and the next token says so', async () => {
    const me = await signUp(ctx.app);
    expect(claimsOf(me.accessToken).email_verified).toBe(false);
    expect((await request(ctx.app).get('/api/users/me').set(bearer(me))).body.emailVerified).toBe(false);
    const [event] = await linkEvents(me.id);
    expect(event).toMatchObject({ email: me.email, previousEmail: null });
    const { rows } = await ctx.pool.query<{ token_hash: Buffer }>('SELECT token_hash FROM email_verifications WHERE user_id = $1', [me.id]);
    expect(rows.map((r) => r.token_hash.toString('base64url'))).not.toContain(event!.token);

    const done = await complete(event!.token);
    expect([done.status, done.body]).toEqual([200, { email: me.email }]);
    expectError(await complete(event!.token), 400, 'verification-link-invalid');
    const again = await logIn(me.email, me.password);
    expect(claimsOf(again.body.accessToken).email_verified).toBe(true);
    expect(again.body.user.emailVerified).toBe(true);
  });

  it('when someone asks again, then a new link comes, at most 3 in a day, and none once the email is confirmed', async () => {
    const me = await signUp(ctx.app);
    const resend = () => request(ctx.app).post('/api/users/me/email-verification').set(bearer(me));
    expect((await resend()).status).toBe(202);
    expect((await resend()).status).toBe(202);
    expectError(await resend(), 429, 'too-many-emails');
    expect(await linkEvents(me.id)).toHaveLength(3);
    await complete(await verificationTokenOf(ctx.pool, me.id));
    expectError(await resend(), 409, 'email-already-verified');
  });

  it('when a link is made up or expired, then it confirms nothing', async () => {
    const me = await signUp(ctx.app);
    expectError(await complete('A'.repeat(43)), 400, 'verification-link-invalid');
    expectError(await complete('short'), 400, 'validation-failed');
    await ctx.pool.query(`UPDATE email_verifications SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [me.id]);
    expectError(await complete(await verificationTokenOf(ctx.pool, me.id)), 400, 'verification-link-invalid');
    expect((await request(ctx.app).get('/api/users/me').set(bearer(me))).body.emailVerified).toBe(false);
  });
});

describe('changing an email', () => {
  it('when the new address confirms it, then it becomes the email; until then the old one stays and was told', async () => {
    const me = await signUp(ctx.app);
    await complete(await verificationTokenOf(ctx.pool, me.id));
    const newEmail = uniqueEmail('moved');
    const asked = await request(ctx.app)
      .post('/api/users/me/email')
      .set(bearer(me))
      .send({ email: newEmail.toUpperCase(), password: me.password });
    expect([asked.status, asked.body]).toEqual([202, { pendingEmail: newEmail }]);
    expect((await linkEvents(me.id)).at(-1)).toMatchObject({ email: newEmail, previousEmail: me.email });
    // nothing changed yet: the old email still signs in
    expect((await logIn(me.email, me.password)).status).toBe(200);
    expectError(await logIn(newEmail, me.password), 401, 'invalid-credentials');

    expect((await complete(await verificationTokenOf(ctx.pool, me.id))).body).toEqual({ email: newEmail });
    const moved = await logIn(newEmail, me.password);
    expect(moved.body.user).toMatchObject({ email: newEmail, emailVerified: true });
    expectError(await logIn(me.email, me.password), 401, 'invalid-credentials');
  });

  it('when the password is wrong, the address is taken or unchanged, then nothing is sent', async () => {
    const me = await signUp(ctx.app);
    const other = await signUp(ctx.app);
    const change = (body: object) => request(ctx.app).post('/api/users/me/email').set(bearer(me)).send(body);
    expectError(await change({ email: uniqueEmail(), password: 'not my password' }), 401, 'invalid-credentials');
    expectError(await change({ email: other.email, password: me.password }), 409, 'email-taken');
    expectError(await change({ email: me.email, password: me.password }), 400, 'email-unchanged');
    expect(await linkEvents(me.id)).toHaveLength(1);
  });

  it('when two accounts confirm the same new address, then the second is refused and keeps its email', async () => {
    const [a, b] = [await signUp(ctx.app), await signUp(ctx.app)];
    const wanted = uniqueEmail('wanted');
    for (const who of [a, b]) {
      expect(
        (await request(ctx.app).post('/api/users/me/email').set(bearer(who)).send({ email: wanted, password: who.password })).status,
      ).toBe(202);
    }
    expect((await complete(await verificationTokenOf(ctx.pool, a.id))).status).toBe(200);
    expectError(await complete(await verificationTokenOf(ctx.pool, b.id)), 409, 'email-taken');
    expect((await request(ctx.app).get('/api/users/me').set(bearer(b))).body.email).toBe(b.email);
  });
});
