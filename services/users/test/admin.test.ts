import request from 'supertest';
import { untilChanged } from '@tutoring-platform/testing';
import { bearer, createTestContext, expectError, signUp, signUpAdmin, uniqueEmail, type SignedUp, type TestContext } from './support';

let ctx: TestContext;
let admin: SignedUp;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await signUpAdmin(ctx);
});
afterAll(() => ctx.close());

const csrf = { 'x-csrf-protection': '1' };

describe('who may use /api/users/admin', () => {
  const endpoints = [
    ['get', '/api/users/admin/users'],
    ['post', '/api/users/admin/users/0b8f9d4e-1234-4abc-8def-0123456789ab/suspend'],
    ['post', '/api/users/admin/users/0b8f9d4e-1234-4abc-8def-0123456789ab/reinstate'],
  ] as const;

  it.each(endpoints)('when anonymous calls %s %s, then 401', async (method, path) => {
    expectError(await request(ctx.app)[method](path).send({ reason: 'x' }), 401, 'authentication-required');
  });

  it.each(endpoints)('when a student calls %s %s, then 403', async (method, path) => {
    const student = await signUp(ctx.app);
    expectError(await request(ctx.app)[method](path).set(bearer(student)).send({ reason: 'x' }), 403, 'forbidden');
  });

  it('when a student tries to suspend another student, then 403 and the victim is unaffected', async () => {
    const attacker = await signUp(ctx.app);
    const victim = await signUp(ctx.app);
    expectError(
      await request(ctx.app).post(`/api/users/admin/users/${victim.id}/suspend`).set(bearer(attacker)).send({ reason: 'x' }),
      403,
      'forbidden',
    );
    expect((await ctx.deps.users.findById(victim.id))!.status).toBe('active');
  });
});

describe('GET /api/users/admin/users', () => {
  it('when searching by part of a name or email, then matching users are found, LIKE wildcards taken literally', async () => {
    const marker = `zq${Date.now()}`;
    const one = await signUp(ctx.app, { displayName: `Nora ${marker}` });
    const two = await signUp(ctx.app, { email: uniqueEmail(marker) });
    await signUp(ctx.app, { displayName: 'Someone Else' });
    const res = await request(ctx.app).get(`/api/users/admin/users?q=${marker}`).set(bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body.users.map((u: { id: string }) => u.id).sort()).toEqual([one.id, two.id].sort());
    expect(res.body.users[0]).toHaveProperty('email');
    expect(res.body.users[0]).not.toHaveProperty('passwordHash');
    const wildcard = await request(ctx.app).get('/api/users/admin/users?q=%25%25%25').set(bearer(admin));
    expect(wildcard.body.users).toEqual([]);
  });

  it('when paging with a cursor, then every user appears once, newest first', async () => {
    const marker = `pg${Date.now()}`;
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await signUp(ctx.app, { displayName: `${marker} ${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await request(ctx.app)
        .get('/api/users/admin/users')
        .query({ q: marker, limit: 2, ...(cursor ? { cursor } : {}) })
        .set(bearer(admin));
      expect(page.status).toBe(200);
      expect(page.body.users.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.users.map((u: { id: string }) => u.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...created].reverse());
  });

  it.each([
    ['a forged cursor', '?cursor=bm90LWpzb24'],
    ['a limit over 100', '?limit=101'],
    ['an unknown status', '?status=deleted'],
  ])('when given %s, then 400', async (_label, query) => {
    expectError(await request(ctx.app).get(`/api/users/admin/users${query}`).set(bearer(admin)), 400, 'validation-failed');
  });
});

describe('suspend and reinstate', () => {
  it('when a user is suspended, then they cannot log in or refresh, and /me says so; reinstated, they can log in again', async () => {
    const user = await signUp(ctx.app);
    const res = await request(ctx.app)
      .post(`/api/users/admin/users/${user.id}/suspend`)
      .set(bearer(admin))
      .send({ reason: 'harassment report' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'suspended', suspensionReason: 'harassment report' });
    expect(res.body.suspendedAt).toEqual(expect.any(String));

    expectError(
      await request(ctx.app).post('/api/users/auth/login').send({ email: user.email, password: user.password }),
      403,
      'account-suspended',
    );
    expect((await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', user.refreshCookie).set(csrf)).status).toBe(401);
    expect(
      (await request(ctx.app).get('/api/users/admin/users?status=suspended&limit=100').set(bearer(admin))).body.users.map(
        (u: { id: string }) => u.id,
      ),
    ).toContain(user.id);

    const back = await request(ctx.app).post(`/api/users/admin/users/${user.id}/reinstate`).set(bearer(admin));
    expect(back.body).toMatchObject({ status: 'active', suspendedAt: null, suspensionReason: null });
    expect((await request(ctx.app).post('/api/users/auth/login').send({ email: user.email, password: user.password })).status).toBe(200);
  });

  it('when a user is suspended, then the access tokens they hold stop working within the poll interval and the list names them', async () => {
    const user = await signUp(ctx.app);
    expect((await request(ctx.app).get('/api/users/me').set(bearer(user))).status).toBe(200);
    await request(ctx.app).post(`/api/users/admin/users/${user.id}/suspend`).set(bearer(admin)).send({ reason: 'spam' });
    const refused = await untilChanged(async () => (await request(ctx.app).get('/api/users/me').set(bearer(user))).status, 200);
    expect(refused.status).toBe(401);
    // the test settings poll every 200 ms (20 s by default)
    expect(refused.afterMs).toBeLessThan(2_000);
    const list = (await request(ctx.app).get('/api/users/.well-known/revocations.json')).body.revoked as Array<{ userId: string }>;
    expect(list.map((r) => r.userId)).toContain(user.id);
    // the admin's own token is untouched
    expect((await request(ctx.app).get('/api/users/me').set(bearer(admin))).status).toBe(200);
  });

  it('when a user is suspended between refreshes, then a refresh that rotated is refused and the family is revoked', async () => {
    const user = await signUp(ctx.app);
    await ctx.deps.users.setStatus(user.id, 'suspended', 'test');
    // suspension through the repository does not revoke tokens: the refresh path must still refuse
    expectError(
      await request(ctx.app).post('/api/users/auth/refresh').set('Cookie', user.refreshCookie).set(csrf),
      403,
      'account-suspended',
    );
    const { rows } = await ctx.pool.query('SELECT count(*)::int AS live FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL', [
      user.id,
    ]);
    expect(rows[0].live).toBe(0);
  });

  it('when an admin targets an admin or themselves, then 409 and nothing changes', async () => {
    const other = await signUpAdmin(ctx);
    expectError(
      await request(ctx.app).post(`/api/users/admin/users/${other.id}/suspend`).set(bearer(admin)).send({ reason: 'x' }),
      409,
      'cannot-suspend-admin',
    );
    expectError(
      await request(ctx.app).post(`/api/users/admin/users/${admin.id}/suspend`).set(bearer(admin)).send({ reason: 'x' }),
      409,
      'cannot-suspend-admin',
    );
    expect((await ctx.deps.users.findById(other.id))!.status).toBe('active');
  });

  it('when the user does not exist, then 404; when the reason is missing, then 400', async () => {
    expectError(
      await request(ctx.app)
        .post('/api/users/admin/users/0b8f9d4e-1234-4abc-8def-0123456789ab/suspend')
        .set(bearer(admin))
        .send({ reason: 'x' }),
      404,
      'user-not-found',
    );
    const user = await signUp(ctx.app);
    expectError(
      await request(ctx.app).post(`/api/users/admin/users/${user.id}/suspend`).set(bearer(admin)).send({}),
      400,
      'validation-failed',
    );
    expect((await ctx.deps.users.findById(user.id))!.status).toBe('active');
  });

  it('when someone registers, then they are never an admin, whatever they send', async () => {
    const res = await request(ctx.app)
      .post('/api/users/auth/register')
      .send({ email: uniqueEmail(), password: 'correct horse battery', displayName: 'X', timezone: 'UTC', role: 'admin' });
    expect(res.status).toBe(400);
  });
});
