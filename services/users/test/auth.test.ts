import request from 'supertest';
import { createTestContext, expectError, refreshCookieOf, signUp, uniqueEmail, type TestContext } from './support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const csrf = { 'x-csrf-protection': '1' };

describe('POST /api/users/auth/register', () => {
  it('when the input is valid, then it creates a student with a normalised email, an access token and a refresh cookie', async () => {
    const email = uniqueEmail('Mixed.Case');
    const res = await request(ctx.app)
      .post('/api/users/auth/register')
      .send({ email: `  ${email.toUpperCase()} `, password: 'correct horse battery', displayName: 'Ada', timezone: 'Asia/Kolkata' });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      email: email.toLowerCase(),
      displayName: 'Ada',
      timezone: 'Asia/Kolkata',
      role: 'student',
      status: 'active',
    });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('refresh_token='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/users\/auth/);
    expect(cookie).not.toMatch(/Secure/);
    expect(refreshCookieOf(res).length).toBeGreaterThanOrEqual('refresh_token='.length + 43);
  });

  it('when the request arrives over https through the proxy, then the refresh cookie is Secure', async () => {
    const res = await request(ctx.app)
      .post('/api/users/auth/register')
      .set('X-Forwarded-Proto', 'https')
      .send({ email: uniqueEmail(), password: 'correct horse battery', displayName: 'Ada', timezone: 'UTC' });
    expect(res.status).toBe(201);
    expect(String(res.headers['set-cookie'])).toMatch(/Secure/);
  });

  it('when the email is taken in another case, then 409 email-taken', async () => {
    const first = await signUp(ctx.app);
    const res = await request(ctx.app)
      .post('/api/users/auth/register')
      .send({ email: first.email.toUpperCase(), password: 'another fine passphrase', displayName: 'Copy', timezone: 'UTC' });
    expectError(res, 409, 'email-taken');
  });

  it.each([
    ['a password under 8 characters', { password: 'short' }, 'validation-failed'],
    ['a password over 128 characters', { password: 'x'.repeat(129) }, 'validation-failed'],
    ['a common password', { password: 'password1' }, 'weak-password'],
    ['a common password in other case', { password: 'QWERTYUIOP' }, 'weak-password'],
    ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }, 'validation-failed'],
    ['an offset instead of a zone', { timezone: '+05:00' }, 'validation-failed'],
    ['a malformed email', { email: 'not-an-email' }, 'validation-failed'],
    ['an empty display name', { displayName: '   ' }, 'validation-failed'],
    ['an extra role field', { role: 'admin' }, 'validation-failed'],
  ])('when given %s, then 400 %s and nothing is created', async (_label, change, code) => {
    const email = uniqueEmail();
    const res = await request(ctx.app)
      .post('/api/users/auth/register')
      .send({ email, password: 'correct horse battery', displayName: 'Ada', timezone: 'UTC', ...change });
    expectError(res, 400, code);
    expect(await ctx.deps.users.findByEmail(email)).toBeUndefined();
  });

  it('when several fields are wrong, then every one is listed in details', async () => {
    const res = await request(ctx.app).post('/api/users/auth/register').send({ email: 'x', password: 'y', timezone: 'Nowhere/Land' });
    const error = expectError(res, 400, 'validation-failed');
    expect((error.details as Array<{ path: string }>).map((d) => d.path).sort()).toEqual(['displayName', 'email', 'password', 'timezone']);
  });

  it('when 8 to 128 characters are given with no composition, then any passphrase is accepted', async () => {
    const res = await request(ctx.app)
      .post('/api/users/auth/register')
      .send({ email: uniqueEmail(), password: 'ééééééééééé lowercase only', displayName: 'Zoë', timezone: 'America/Sao_Paulo' });
    expect(res.status).toBe(201);
  });
});

describe('POST /api/users/auth/login', () => {
  it('when the credentials are right, then 200 with a session, whatever the email case', async () => {
    const student = await signUp(ctx.app);
    const res = await request(ctx.app)
      .post('/api/users/auth/login')
      .send({ email: student.email.toUpperCase(), password: student.password });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(student.id);
    expect(refreshCookieOf(res)).toMatch(/^refresh_token=/);
  });

  it('when the email is unknown or the password wrong, then the same 401 and message', async () => {
    const student = await signUp(ctx.app);
    const wrong = await request(ctx.app).post('/api/users/auth/login').send({ email: student.email, password: 'not the password' });
    const unknown = await request(ctx.app)
      .post('/api/users/auth/login')
      .send({ email: uniqueEmail('nobody'), password: 'not the password' });
    const a = expectError(wrong, 401, 'invalid-credentials');
    const b = expectError(unknown, 401, 'invalid-credentials');
    expect(a.message).toBe(b.message);
  });

  it('when an account fails 10 times, then the 11th attempt is 429 with Retry-After even with the right password', async () => {
    const student = await signUp(ctx.app);
    for (let i = 0; i < 10; i++) {
      expectError(
        await request(ctx.app)
          .post('/api/users/auth/login')
          .send({ email: student.email, password: `wrong ${i}` }),
        401,
        'invalid-credentials',
      );
    }
    const blocked = await request(ctx.app).post('/api/users/auth/login').send({ email: student.email, password: student.password });
    expectError(blocked, 429, 'too-many-attempts');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  });

  it('when an unknown email fails 10 times, then it is throttled like a real one', async () => {
    const email = uniqueEmail('ghost');
    for (let i = 0; i < 10; i++) await request(ctx.app).post('/api/users/auth/login').send({ email, password: 'guess' });
    expectError(await request(ctx.app).post('/api/users/auth/login').send({ email, password: 'guess' }), 429, 'too-many-attempts');
  });

  it('when a login succeeds, then earlier failures are forgotten', async () => {
    const student = await signUp(ctx.app);
    for (let i = 0; i < 9; i++) await request(ctx.app).post('/api/users/auth/login').send({ email: student.email, password: 'wrong' });
    expect((await request(ctx.app).post('/api/users/auth/login').send({ email: student.email, password: student.password })).status).toBe(
      200,
    );
    for (let i = 0; i < 9; i++) await request(ctx.app).post('/api/users/auth/login').send({ email: student.email, password: 'wrong' });
    expect((await request(ctx.app).post('/api/users/auth/login').send({ email: student.email, password: student.password })).status).toBe(
      200,
    );
  });

  it('when 40 wrong guesses for one account arrive at once, then exactly 10 are checked and the rest are 429', async () => {
    const student = await signUp(ctx.app);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request(ctx.app)
          .post('/api/users/auth/login')
          .send({ email: student.email, password: `parallel guess ${i}` }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect([statuses.filter((s) => s === 401).length, statuses.filter((s) => s === 429).length]).toEqual([10, 30]);
  });

  it('when one client address fails across many accounts, then it is throttled; another address and the spoofed header change nothing', async () => {
    const strict = await createTestContext({ LOGIN_MAX_FAILURES_PER_CLIENT: '5' });
    try {
      // the service trusts one proxy hop: the address that hop saw is the last in X-Forwarded-For
      const from = (address: string) => ({ 'x-forwarded-for': address });
      const client = `198.51.100.${Date.now() % 200}`;
      const attempt = (address: string, forwarded = address) =>
        request(strict.app)
          .post('/api/users/auth/login')
          .set(from(forwarded))
          .send({ email: uniqueEmail('stuffing'), password: 'leaked' });
      for (let i = 0; i < 5; i++) expectError(await attempt(client), 401, 'invalid-credentials');
      expectError(await attempt(client), 429, 'too-many-attempts');
      // a value the client itself put in front of the header is not its address
      expectError(await attempt(client, `203.0.113.9, ${client}`), 429, 'too-many-attempts');
      expectError(await attempt(`${client.replace('198.51.100', '192.0.2')}`), 401, 'invalid-credentials');
    } finally {
      await strict.close();
    }
  });

  it('when the stored hash used weaker parameters, then a successful login rehashes it at the current cost', async () => {
    const student = await signUp(ctx.app);
    const stronger = await createTestContext({ PASSWORD_MEMORY_KIB: '2048', PASSWORD_TIME_COST: '2' });
    try {
      const before = (await ctx.deps.users.findById(student.id))!.passwordHash;
      expect(before).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
      const res = await request(stronger.app).post('/api/users/auth/login').send({ email: student.email, password: student.password });
      expect(res.status).toBe(200);
      const after = (await ctx.deps.users.findById(student.id))!.passwordHash;
      expect(after).toMatch(/^\$argon2id\$v=19\$m=2048,p=1,t=2\$/);
    } finally {
      await stronger.close();
    }
  });
});

describe('POST /api/users/auth/refresh', () => {
  it('when a valid cookie and the CSRF header are sent, then a new access token and a rotated cookie come back', async () => {
    const student = await signUp(ctx.app);
    const res = await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', student.refreshCookie).set(csrf);
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(student.id);
    expect(refreshCookieOf(res)).not.toBe(student.refreshCookie);
  });

  it('when the CSRF header is missing, then 403 and the token is not spent', async () => {
    const student = await signUp(ctx.app);
    expectError(await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', student.refreshCookie), 403, 'csrf-header-missing');
    expect((await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', student.refreshCookie).set(csrf)).status).toBe(200);
  });

  it('when there is no cookie or an unknown one, then 401', async () => {
    expectError(await request(ctx.app).post('/api/users/auth/refresh').set(csrf), 401, 'refresh-token-missing');
    expectError(
      await request(ctx.app).post('/api/users/auth/refresh').set(csrf).set('Cookie', 'refresh_token=forged'),
      401,
      'invalid-refresh-token',
    );
  });

  it('when two tabs refresh the same token at once, then both get the same successor and stay signed in', async () => {
    const student = await signUp(ctx.app);
    const [a, b] = await Promise.all(
      [1, 2].map(() => request(ctx.app).post('/api/users/auth/refresh').set('Cookie', student.refreshCookie).set(csrf)),
    );
    expect([a!.status, b!.status]).toEqual([200, 200]);
    expect(refreshCookieOf(a!)).toBe(refreshCookieOf(b!));
    expect(refreshCookieOf(a!)).not.toBe(student.refreshCookie);
    const onward = await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', refreshCookieOf(a!)).set(csrf);
    expect(onward.status).toBe(200);
  });

  it('when a spent refresh token is presented again after the grace window, then the whole family is revoked', async () => {
    const student = await signUp(ctx.app);
    const first = await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', student.refreshCookie).set(csrf);
    const rotated = refreshCookieOf(first);
    await ctx.pool.query(`UPDATE refresh_tokens SET used_at = used_at - interval '21 seconds' WHERE user_id = $1`, [student.id]);
    const replay = await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', student.refreshCookie).set(csrf);
    expectError(replay, 401, 'refresh-token-reused');
    // the legitimate newest token of that family is dead too
    expectError(await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', rotated).set(csrf), 401, 'refresh-token-reused');
  });

  it('when a family is revoked by reuse, then other sessions of the same user keep working', async () => {
    const student = await signUp(ctx.app);
    const other = await request(ctx.app).post('/api/users/auth/login').send({ email: student.email, password: student.password });
    await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', student.refreshCookie).set(csrf);
    await ctx.pool.query(`UPDATE refresh_tokens SET used_at = used_at - interval '21 seconds' WHERE user_id = $1`, [student.id]);
    expectError(
      await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', student.refreshCookie).set(csrf),
      401,
      'refresh-token-reused',
    );
    expect((await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', refreshCookieOf(other)).set(csrf)).status).toBe(200);
  });

  it('when the idle window has passed, then 401 session-expired', async () => {
    const student = await signUp(ctx.app);
    await ctx.pool.query(`UPDATE refresh_tokens SET idle_expires_at = now() - interval '1 second' WHERE user_id = $1`, [student.id]);
    expectError(
      await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', student.refreshCookie).set(csrf),
      401,
      'session-expired',
    );
  });

  it('when the absolute lifetime has passed, then 401 session-expired even if recently used', async () => {
    const student = await signUp(ctx.app);
    await ctx.pool.query(`UPDATE refresh_tokens SET family_expires_at = now() - interval '1 second' WHERE user_id = $1`, [student.id]);
    expectError(
      await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', student.refreshCookie).set(csrf),
      401,
      'session-expired',
    );
  });

  it('when a token is rotated, then its successor never outlives the 30-day absolute limit', async () => {
    const student = await signUp(ctx.app);
    await ctx.pool.query(`UPDATE refresh_tokens SET family_expires_at = now() + interval '1 day' WHERE user_id = $1`, [student.id]);
    const res = await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', student.refreshCookie).set(csrf);
    expect(res.status).toBe(200);
    const { rows } = await ctx.pool.query(
      `SELECT idle_expires_at <= family_expires_at AS capped FROM refresh_tokens WHERE user_id = $1 AND used_at IS NULL`,
      [student.id],
    );
    expect(rows).toEqual([{ capped: true }]);
  });
});

describe('POST /api/users/auth/logout and logout-all', () => {
  it('when a user logs out, then that refresh token no longer works and the cookie is cleared', async () => {
    const student = await signUp(ctx.app);
    const res = await request(ctx.app).post('/api/users/auth/logout').set('Cookie', student.refreshCookie).set(csrf);
    expect(res.status).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/refresh_token=;/);
    // an old tab refreshing after logout is told the session ended, not that its token was stolen
    expectError(
      await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', student.refreshCookie).set(csrf),
      401,
      'session-ended',
    );
  });

  it('when logout lacks the CSRF header, then 403 and the session survives', async () => {
    const student = await signUp(ctx.app);
    expectError(await request(ctx.app).post('/api/users/auth/logout').set('Cookie', student.refreshCookie), 403, 'csrf-header-missing');
    expect((await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', student.refreshCookie).set(csrf)).status).toBe(200);
  });

  it('when logging out with no session, then 204 all the same', async () => {
    expect((await request(ctx.app).post('/api/users/auth/logout').set(csrf)).status).toBe(204);
  });

  it('when a user logs out everywhere, then every refresh token of theirs dies and nobody else is touched', async () => {
    const student = await signUp(ctx.app);
    const second = await request(ctx.app).post('/api/users/auth/login').send({ email: student.email, password: student.password });
    const bystander = await signUp(ctx.app);
    expect((await request(ctx.app).post('/api/users/auth/logout-all').set('Authorization', `Bearer ${student.accessToken}`)).status).toBe(
      204,
    );
    for (const cookie of [student.refreshCookie, refreshCookieOf(second)]) {
      expect((await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', cookie).set(csrf)).status).toBe(401);
    }
    expect((await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', bystander.refreshCookie).set(csrf)).status).toBe(200);
  });

  it('when logout-all is called anonymously, then 401', async () => {
    expectError(await request(ctx.app).post('/api/users/auth/logout-all'), 401, 'authentication-required');
  });
});
