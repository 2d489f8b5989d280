import request from 'supertest';
import { bearer, createTestContext, expectError, refreshCookieOf, signUp, type TestContext } from './support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const csrf = { 'x-csrf-protection': '1' };

describe('GET /api/users/me', () => {
  it('when signed in, then it returns my own account and nothing secret', async () => {
    const me = await signUp(ctx.app, { displayName: 'Priya', timezone: 'Australia/Lord_Howe' });
    const res = await request(ctx.app).get('/api/users/me').set(bearer(me));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: me.id, email: me.email, displayName: 'Priya', timezone: 'Australia/Lord_Howe', role: 'student' });
    expect(Object.keys(res.body).sort()).toEqual(
      [
        'bio',
        'coursesOfStudy',
        'createdAt',
        'displayName',
        'email',
        'emailVerified',
        'id',
        'role',
        'school',
        'status',
        'timezone',
        'twoFactorEnabled',
      ].sort(),
    );
  });

  it('when user B asks, then B gets B and never A', async () => {
    const a = await signUp(ctx.app);
    const b = await signUp(ctx.app);
    const res = await request(ctx.app).get('/api/users/me').set(bearer(b));
    expect(res.body.id).toBe(b.id);
    expect(JSON.stringify(res.body)).not.toContain(a.email);
  });

  it('when anonymous, then 401 with a WWW-Authenticate challenge', async () => {
    const res = await request(ctx.app).get('/api/users/me');
    expectError(res, 401, 'authentication-required');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('when the header is not a Bearer token, then 401 invalid-token', async () => {
    expectError(await request(ctx.app).get('/api/users/me').set('Authorization', 'Basic dXNlcjpwYXNz'), 401, 'invalid-token');
  });
});

describe('PATCH /api/users/me', () => {
  it('when changing profile fields, then they are saved and returned', async () => {
    const me = await signUp(ctx.app);
    const res = await request(ctx.app)
      .patch('/api/users/me')
      .set(bearer(me))
      .send({
        displayName: '  Sam  ',
        bio: 'Second-year CS',
        timezone: 'America/New_York',
        school: 'State University',
        coursesOfStudy: ['Computer Science', 'Mathematics'],
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      displayName: 'Sam',
      bio: 'Second-year CS',
      timezone: 'America/New_York',
      school: 'State University',
      coursesOfStudy: ['Computer Science', 'Mathematics'],
    });
    expect((await request(ctx.app).get('/api/users/me').set(bearer(me))).body.school).toBe('State University');
  });

  it('when fields are absent, then they keep their values; school can be cleared with null', async () => {
    const me = await signUp(ctx.app);
    await request(ctx.app).patch('/api/users/me').set(bearer(me)).send({ bio: 'kept', school: 'Somewhere' });
    const res = await request(ctx.app).patch('/api/users/me').set(bearer(me)).send({ school: null });
    expect(res.body).toMatchObject({ bio: 'kept', school: null });
  });

  it.each([
    ['role', { role: 'admin' }],
    ['email', { email: 'new@example.test' }],
    ['id', { id: '00000000-0000-4000-8000-000000000000' }],
    ['status', { status: 'active' }],
    ['passwordHash', { passwordHash: 'x' }],
  ])('when the body tries to set %s, then 400 and nothing changes', async (_field, body) => {
    const me = await signUp(ctx.app);
    const before = await ctx.deps.users.findById(me.id);
    expectError(
      await request(ctx.app)
        .patch('/api/users/me')
        .set(bearer(me))
        .send({ bio: 'changed', ...body }),
      400,
      'validation-failed',
    );
    expect(await ctx.deps.users.findById(me.id)).toEqual(before);
  });

  it.each([
    ['an invalid time zone', { timezone: 'Europe/Atlantis' }],
    ['a bio over 2000 characters', { bio: 'x'.repeat(2001) }],
    ['more than 20 courses', { coursesOfStudy: Array.from({ length: 21 }, (_, i) => `Course ${i}`) }],
    ['a non-string display name', { displayName: 42 }],
  ])('when given %s, then 400', async (_label, body) => {
    const me = await signUp(ctx.app);
    expectError(await request(ctx.app).patch('/api/users/me').set(bearer(me)).send(body), 400, 'validation-failed');
  });

  it('when anonymous, then 401 and nothing changes', async () => {
    expectError(await request(ctx.app).patch('/api/users/me').send({ bio: 'x' }), 401, 'authentication-required');
  });
});

describe('POST /api/users/me/password', () => {
  it('when the current password is right, then the new one works, the old one does not, and other sessions end', async () => {
    const me = await signUp(ctx.app);
    const otherDevice = await request(ctx.app).post('/api/users/auth/login').send({ email: me.email, password: me.password });
    const res = await request(ctx.app)
      .post('/api/users/me/password')
      .set(bearer(me))
      .set('Cookie', me.refreshCookie)
      .send({ currentPassword: me.password, newPassword: 'a brand new passphrase' });
    expect(res.status).toBe(204);
    expect((await request(ctx.app).post('/api/users/auth/login').send({ email: me.email, password: me.password })).status).toBe(401);
    expect(
      (await request(ctx.app).post('/api/users/auth/login').send({ email: me.email, password: 'a brand new passphrase' })).status,
    ).toBe(200);
    expectError(
      await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', refreshCookieOf(otherDevice)).set(csrf),
      401,
      'session-ended',
    );
    // the session that changed the password goes on
    expect((await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', me.refreshCookie).set(csrf)).status).toBe(200);
  });

  it('when the current password is wrong, then 401 and the password stays', async () => {
    const me = await signUp(ctx.app);
    expectError(
      await request(ctx.app)
        .post('/api/users/me/password')
        .set(bearer(me))
        .send({ currentPassword: 'wrong one', newPassword: 'a brand new passphrase' }),
      401,
      'invalid-credentials',
    );
    expect((await request(ctx.app).post('/api/users/auth/login').send({ email: me.email, password: me.password })).status).toBe(200);
  });

  it('when the new password is common, then 400 weak-password', async () => {
    const me = await signUp(ctx.app);
    expectError(
      await request(ctx.app).post('/api/users/me/password').set(bearer(me)).send({ currentPassword: me.password, newPassword: 'iloveyou' }),
      400,
      'weak-password',
    );
  });

  it("when B presents A's refresh cookie, then A's sessions are not kept alive by B's password change", async () => {
    const a = await signUp(ctx.app);
    const b = await signUp(ctx.app);
    await request(ctx.app)
      .post('/api/users/me/password')
      .set(bearer(b))
      .set('Cookie', a.refreshCookie)
      .send({ currentPassword: b.password, newPassword: 'b has a new passphrase' });
    expect((await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', a.refreshCookie).set(csrf)).status).toBe(200);
  });
});
