import request from 'supertest';
import { assertNoServerErrors, endpointsOf } from '@tutoring-platform/testing';
import { createTestContext, type TestContext } from './support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('arbitrary input on every groups endpoint', () => {
  it('when bodies, params, query strings and headers are random, then no response is a 5xx, a non-JSON error or a hang', async () => {
    const endpoints = endpointsOf((await request(ctx.app).get('/api/groups/openapi.json')).body);
    expect(endpoints.length).toBeGreaterThanOrEqual(5);
    await assertNoServerErrors(ctx.app, endpoints, [(await ctx.users.signUp()).accessToken], 40);
  }, 120_000);
});
