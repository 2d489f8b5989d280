// Client credentials for the platform's services, and the suspension event the users service's outbox carries.
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { testClientSecret } from '../src/testing/users-test-server';
import { bearer, createTestContext, expectError, signUp, signUpAdmin, type TestContext } from './support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const exchange = (clientId: string, clientSecret: string) =>
  request(ctx.app).post('/api/users/service-tokens').send({ clientId, clientSecret });

describe('service tokens', () => {
  it('when a service client sends its secret, then it gets a 5-minute token that names it as a service, signed like access tokens', async () => {
    const res = await exchange('tutoring', testClientSecret('tutoring'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 300 });
    const decoded = jwt.decode(res.body.accessToken, { complete: true }) as jwt.Jwt & { payload: jwt.JwtPayload };
    expect(decoded.header).toMatchObject({ alg: 'RS256' });
    expect(decoded.payload).toMatchObject({ sub: 'tutoring', typ: 'service', aud: ctx.config.JWT_AUDIENCE, iss: ctx.config.JWT_ISSUER });
    expect(decoded.payload.exp! - decoded.payload.iat!).toBe(300);
    expect(decoded.payload).not.toHaveProperty('role');
  });

  it('when the secret is wrong, the client unknown or the secret of another client, then the same 401 invalid-client', async () => {
    expectError(await exchange('tutoring', 'x'.repeat(40)), 401, 'invalid-client');
    expectError(await exchange('notifications', testClientSecret('notifications')), 401, 'invalid-client');
    expectError(await exchange('groups', testClientSecret('tutoring')), 401, 'invalid-client');
    expectError(await exchange('users', testClientSecret('tutoring')), 401, 'invalid-client');
    expectError(await exchange('tutoring', `${testClientSecret('tutoring')} `), 401, 'invalid-client');
    expectError(await request(ctx.app).post('/api/users/service-tokens').send({ clientId: 'tutoring' }), 400, 'validation-failed');
  });

  it('when a service token is used where a person is expected, then it is no one: 401 on /me and on admin routes', async () => {
    const token = (await exchange('tutoring', testClientSecret('tutoring'))).body.accessToken as string;
    expectError(await request(ctx.app).get('/api/users/me').set('Authorization', `Bearer ${token}`), 401, 'authentication-required');
    expectError(
      await request(ctx.app).get('/api/users/admin/users').set('Authorization', `Bearer ${token}`),
      401,
      'authentication-required',
    );
  });
});

describe('a suspension’s event', () => {
  it('when an admin suspends someone, then the event for the tutoring service is written with the suspension; a failed suspension writes none', async () => {
    const admin = await signUpAdmin(ctx);
    const student = await signUp(ctx.app);
    const events = async (userId: string) =>
      (await ctx.pool.query(`SELECT destination, key, type, data FROM outbox WHERE key = $1 AND destination = 'tutoring'`, [userId])).rows;
    const res = await request(ctx.app).post(`/api/users/admin/users/${student.id}/suspend`).set(bearer(admin)).send({ reason: 'Spam' });
    expect(res.status).toBe(200);
    expect(await events(student.id)).toEqual([
      { destination: 'tutoring', key: student.id, type: 'account-suspended', data: { userId: student.id } },
    ]);
    const otherAdmin = await signUpAdmin(ctx);
    expectError(
      await request(ctx.app).post(`/api/users/admin/users/${otherAdmin.id}/suspend`).set(bearer(admin)).send({ reason: 'No' }),
      409,
      'cannot-suspend-admin',
    );
    expect(await events(otherAdmin.id)).toEqual([]);
  });
});

describe('an account’s event for the notifications service', () => {
  it('when someone signs up and then changes their name and zone, then each writes the account as it now is', async () => {
    const student = await signUp(ctx.app);
    const changed = await request(ctx.app)
      .patch('/api/users/me')
      .set(bearer(student))
      .send({ displayName: 'Noor N', timezone: 'Asia/Tokyo' });
    expect(changed.status).toBe(200);
    const { rows } = await ctx.pool.query(
      `SELECT key, type, data FROM outbox WHERE destination = 'notifications' AND key = $1 AND type = 'account-changed' ORDER BY id`,
      [student.id],
    );
    const account = { userId: student.id, email: student.email };
    expect(rows).toEqual([
      { key: student.id, type: 'account-changed', data: { ...account, displayName: 'Test Student', timezone: 'Europe/Berlin' } },
      { key: student.id, type: 'account-changed', data: { ...account, displayName: 'Noor N', timezone: 'Asia/Tokyo' } },
    ]);
  });
});
