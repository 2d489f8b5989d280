// A database that gives no connection in time is "busy, try again": a 503 with Retry-After, never a 500.
import request from 'supertest';
import { bearer, createTestContext, signUp, type TestContext } from './support';

let ctx: TestContext;
let me: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  // the account is made through an app without the tight bounds (sign-up is a transaction): only the measured
  // request meets them; one read then opens the constrained app's connection, as a running service has it
  const roomy = await createTestContext();
  me = await signUp(roomy.app);
  await roomy.close();
  ctx = await createTestContext({ DATABASE_POOL_MAX: '1', DATABASE_CONNECT_TIMEOUT_MS: '200' });
  expect((await request(ctx.app).get('/api/users/me').set(bearer(me))).status).toBe(200);
});
afterAll(() => ctx.close());

describe('when the database has no free connection', () => {
  it('when every pooled connection stays taken, then a request answers 503 dependency-unavailable within the bound and works again after', async () => {
    const held = await ctx.pool.connect();
    const started = Date.now();
    const busy = await request(ctx.app).get('/api/users/me').set(bearer(me));
    const waited = Date.now() - started;
    held.release();
    expect([busy.status, busy.body.error.code, busy.headers['retry-after']]).toEqual([503, 'dependency-unavailable', '1']);
    expect(waited).toBeLessThan(2_000);
    expect((await request(ctx.app).get('/api/users/me').set(bearer(me))).status).toBe(200);
  });
});
