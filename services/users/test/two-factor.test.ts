import jwt from 'jsonwebtoken';
import request from 'supertest';
import { ensureAdmin } from '../src/domain/ensure-admin';
import { bearer, createTestContext, expectError, signUp, signUpAdmin, totpCode, uniqueEmail, type TestContext } from './support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const logIn = (email: string, password: string) => request(ctx.app).post('/api/users/auth/login').send({ email, password });
const secondStep = (body: object) => request(ctx.app).post('/api/users/auth/login/second-step').send(body);
const amrOf = (accessToken: string) => (jwt.decode(accessToken) as jwt.JwtPayload).amr;

/** Someone who turned two-step sign-in on: their key and recovery codes. */
async function enrolled() {
  const me = await signUp(ctx.app);
  const setUp = await request(ctx.app).post('/api/users/me/two-factor').set(bearer(me));
  expect(setUp.status).toBe(200);
  const { key, uri, qrCode } = setUp.body;
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  expect(uri).toBe(
    `otpauth://totp/Study%20Group%20%26%20Peer%20Tutoring:${encodeURIComponent(me.email)}?secret=${key}&issuer=Study%20Group%20%26%20Peer%20Tutoring`,
  );
  expect(Buffer.from(qrCode.replace('data:image/svg+xml;base64,', ''), 'base64').toString()).toMatch(/^<svg[^>]*>.*<path/s);
  expectError(
    await request(ctx.app).post('/api/users/me/two-factor/confirm').set(bearer(me)).send({ code: '000000' }),
    401,
    'invalid-code',
  );
  const confirmed = await request(ctx.app)
    .post('/api/users/me/two-factor/confirm')
    .set(bearer(me))
    .send({ code: await totpCode(key) });
  expect(confirmed.status).toBe(200);
  return { ...me, key: key as string, recoveryCodes: confirmed.body.recoveryCodes as string[] };
}

describe('two-step sign-in', () => {
  it('when it is on, then the password alone gives a challenge, and a code from the app gives the session once', async () => {
    const me = await enrolled();
    expect(me.recoveryCodes).toHaveLength(10);
    expect(new Set(me.recoveryCodes).size).toBe(10);
    me.recoveryCodes.forEach((c) => expect(c).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/));
    const { rows } = await ctx.pool.query<{ code_hash: Buffer }>('SELECT code_hash FROM recovery_codes WHERE user_id = $1', [me.id]);
    expect(rows).toHaveLength(10);

    const first = await logIn(me.email, me.password);
    expect(first.status).toBe(200);
    expect(Object.keys(first.body).sort()).toEqual(['challenge', 'expiresIn', 'secondFactorRequired']);
    expect(first.headers['set-cookie']).toBeUndefined();
    const code = await totpCode(me.key, 1);
    const done = await secondStep({ challenge: first.body.challenge, code });
    expect(done.status).toBe(200);
    expect(amrOf(done.body.accessToken)).toEqual(['pwd', 'otp']);
    expect(done.body.user.twoFactorEnabled).toBe(true);
    // the challenge is used up, and the same code does not work twice
    expectError(await secondStep({ challenge: first.body.challenge, code }), 401, 'sign-in-expired');
    const next = await logIn(me.email, me.password);
    expectError(await secondStep({ challenge: next.body.challenge, code }), 401, 'invalid-code');
  });

  it('when a recovery code is given instead, then it works once', async () => {
    const me = await enrolled();
    const recoveryCode = me.recoveryCodes[3]!;
    const first = await logIn(me.email, me.password);
    const done = await secondStep({ challenge: first.body.challenge, recoveryCode: recoveryCode.toUpperCase().replaceAll('-', '') });
    expect(done.status).toBe(200);
    const again = await logIn(me.email, me.password);
    expectError(await secondStep({ challenge: again.body.challenge, recoveryCode }), 401, 'invalid-code');
  });

  it('when codes are guessed, then a challenge dies after 5 wrong ones, and the account is throttled after 10', async () => {
    const me = await enrolled();
    const right = await totpCode(me.key, 1);
    const wrong = right === '123456' ? '654321' : '123456';
    const first = await logIn(me.email, me.password);
    for (let i = 0; i < 5; i++) expectError(await secondStep({ challenge: first.body.challenge, code: wrong }), 401, 'invalid-code');
    expectError(await secondStep({ challenge: first.body.challenge, code: right }), 401, 'sign-in-expired');
    // LOGIN_MAX_FAILURES (10 by default) counts wrong codes per account, across challenges
    const second = await logIn(me.email, me.password);
    for (let i = 0; i < 5; i++) expectError(await secondStep({ challenge: second.body.challenge, code: wrong }), 401, 'invalid-code');
    const third = await logIn(me.email, me.password);
    expectError(await secondStep({ challenge: third.body.challenge, code: right }), 429, 'too-many-attempts');
  });

  it('when it is turned off with a code, then the password alone signs in again; an administrator cannot turn it off', async () => {
    const me = await enrolled();
    expectError(await request(ctx.app).delete('/api/users/me/two-factor').set(bearer(me)).send({ code: '000000' }), 401, 'invalid-code');
    expect(
      (
        await request(ctx.app)
          .delete('/api/users/me/two-factor')
          .set(bearer(me))
          .send({ code: await totpCode(me.key, 1) })
      ).status,
    ).toBe(204);
    const plain = await logIn(me.email, me.password);
    expect(amrOf(plain.body.accessToken)).toEqual(['pwd']);
    expect((await ctx.pool.query('SELECT 1 FROM recovery_codes WHERE user_id = $1', [me.id])).rowCount).toBe(0);

    const admin = await signUpAdmin(ctx);
    const off = await request(ctx.app)
      .delete('/api/users/me/two-factor')
      .set(bearer(admin))
      .send({ code: await totpCode(admin.key, -1) });
    expectError(off, 403, 'second-factor-required');
  });

  it('when it is on, then only a session signed in with both steps can move it to a new key', async () => {
    const me = await enrolled();
    expectError(await request(ctx.app).post('/api/users/me/two-factor').set(bearer(me)), 403, 'second-factor-required');
    const first = await logIn(me.email, me.password);
    const both = (await secondStep({ challenge: first.body.challenge, code: await totpCode(me.key, 1) })).body;
    const moved = await request(ctx.app).post('/api/users/me/two-factor').set(bearer(both));
    expect(moved.body.key).not.toBe(me.key);
    const confirmed = await request(ctx.app)
      .post('/api/users/me/two-factor/confirm')
      .set(bearer(both))
      .send({ code: await totpCode(moved.body.key) });
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(confirmed.body.recoveryCodes).not.toContain(me.recoveryCodes[0]);
  });
});

describe('administrators', () => {
  it('when an administrator signed in with the password alone, then admin tools answer second-factor-required until both steps', async () => {
    const email = uniqueEmail('admin');
    await ensureAdmin(ctx.deps, { email, password: 'admin test passphrase' });
    const plain = await logIn(email, 'admin test passphrase');
    expect(amrOf(plain.body.accessToken)).toEqual(['pwd']);
    expectError(await request(ctx.app).get('/api/users/admin/users').set(bearer(plain.body)), 403, 'second-factor-required');
    const admin = await signUpAdmin(ctx);
    expect((await request(ctx.app).get('/api/users/admin/users').set(bearer(admin))).status).toBe(200);
    // a student is still simply forbidden
    expectError(
      await request(ctx.app)
        .get('/api/users/admin/users')
        .set(bearer(await signUp(ctx.app))),
      403,
      'forbidden',
    );
  });
});
