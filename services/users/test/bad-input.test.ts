import request from 'supertest';
import { assertNoServerErrors, assertRejectsForbiddenText, endpointsOf } from '@tutoring-platform/testing';
import { bearer, createTestContext, signUp, signUpAdmin, uniqueEmail, type TestContext } from './support';

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

describe('text people type', () => {
  it('when a sign-up or profile field holds a NUL byte, another control character or half a surrogate pair, then 400 names the field', async () => {
    await assertRejectsForbiddenText(
      (body) =>
        request(ctx.app)
          .post('/api/users/auth/register')
          .send({ ...body, email: uniqueEmail() }),
      { password: 'a perfectly fine passphrase', displayName: 'Test Student', timezone: 'Europe/Berlin' },
      ['displayName', 'password'],
    );
    const me = await signUp(ctx.app);
    await assertRejectsForbiddenText((body) => request(ctx.app).patch('/api/users/me').set(bearer(me)).send(body), { bio: 'Hi' }, [
      'bio',
      'displayName',
      'school',
    ]);
    const login = await request(ctx.app)
      .post('/api/users/auth/login')
      .send({ email: me.email, password: '\u0000'.repeat(12) });
    expect(login.status).toBe(400);
  });

  it('when a name is only invisible characters, then it counts as empty; text is stored NFC-normalised and trimmed', async () => {
    const me = await signUp(ctx.app);
    const invisible = await request(ctx.app).patch('/api/users/me').set(bearer(me)).send({ displayName: ' \u200b\u200d\ufeff\u3164 ' });
    expect([invisible.status, invisible.body.error.details[0].path]).toEqual([400, 'displayName']);
    const decomposed = await request(ctx.app)
      .patch('/api/users/me')
      .set(bearer(me))
      .send({ displayName: '  Zoe\u0301 ', bio: 'line one\nline two\u200b\u200b ' });
    expect(decomposed.status).toBe(200);
    expect(decomposed.body).toMatchObject({ displayName: 'Zo\u00e9', bio: 'line one\nline two\u200b\u200b'.trim() });
    const invisibleBio = await request(ctx.app).patch('/api/users/me').set(bearer(me)).send({ bio: '\u200b \u200b' });
    expect([invisibleBio.status, invisibleBio.body.bio]).toEqual([200, '']);
  });
});
