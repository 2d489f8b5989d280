import request from 'supertest';
import { assertNoServerErrors, endpointsOf } from '@tutoring-platform/testing';
import { createTestContext, signUp, signUpAdmin, type TestContext } from './support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('arbitrary input on every users endpoint', () => {
  it('when bodies, params, query strings and headers are random, then no response is a 5xx, a non-JSON error or a hang', async () => {
    const document = (await request(ctx.app).get('/api/users/openapi.json')).body;
    const endpoints = endpointsOf(document);
    expect(endpoints.length).toBeGreaterThanOrEqual(12);
    const tokens = [(await signUp(ctx.app)).accessToken, (await signUpAdmin(ctx)).accessToken];
    await assertNoServerErrors(ctx.app, endpoints, tokens, 40);
  }, 120_000);
});
