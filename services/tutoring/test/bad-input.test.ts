import request from 'supertest';
import { assertNoServerErrors, endpointsOf } from '@tutoring-platform/testing';
import { createTestContext, setUpTutor, type TestContext } from './support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('arbitrary input on every tutoring endpoint', () => {
  it('when bodies, params, query strings and headers are random, then no response is a 5xx, a non-JSON error or a hang', async () => {
    const document = (await request(ctx.app).get('/api/tutoring/openapi.json')).body;
    const endpoints = endpointsOf(document);
    expect(endpoints.length).toBeGreaterThanOrEqual(17);
    const admin = await ctx.users.signUpAdmin();
    const { tutor } = await setUpTutor(ctx, admin);
    const student = await ctx.users.signUp();
    await assertNoServerErrors(ctx.app, endpoints, [student.accessToken, tutor.accessToken, admin.accessToken], 40);
  }, 180_000);
});
