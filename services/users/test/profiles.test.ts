import request from 'supertest';
import { bearer, createTestContext, expectError, signUp, signUpAdmin, type TestContext } from './support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const publicFields = ['bio', 'coursesOfStudy', 'displayName', 'id', 'memberSince', 'school', 'timezone'].sort();

describe('GET /api/users/profiles/:id', () => {
  it('when anyone asks, then only public fields are shown', async () => {
    const tutor = await signUp(ctx.app, { displayName: 'Tutor T' });
    const res = await request(ctx.app).get(`/api/users/profiles/${tutor.id}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(publicFields);
    expect(res.body).toMatchObject({ id: tutor.id, displayName: 'Tutor T' });
    expect(JSON.stringify(res.body)).not.toContain(tutor.email);
  });

  it('when the id is unknown, then 404; when malformed, then 400', async () => {
    expectError(await request(ctx.app).get('/api/users/profiles/6f1c1a8e-8d1e-4f7a-9a52-5d2f3f0b9c11'), 404, 'profile-not-found');
    expectError(await request(ctx.app).get('/api/users/profiles/not-a-uuid'), 400, 'validation-failed');
  });

  it('when the user is suspended, then their profile is gone', async () => {
    const admin = await signUpAdmin(ctx);
    const user = await signUp(ctx.app);
    await request(ctx.app).post(`/api/users/admin/users/${user.id}/suspend`).set(bearer(admin)).send({ reason: 'spam' });
    expectError(await request(ctx.app).get(`/api/users/profiles/${user.id}`), 404, 'profile-not-found');
  });
});

describe('GET /api/users/profiles?ids=', () => {
  it('when given several ids, then active profiles come back in the order asked, without duplicates or unknowns', async () => {
    const [a, b, c] = [await signUp(ctx.app), await signUp(ctx.app), await signUp(ctx.app)];
    const unknown = '0b8f9d4e-1234-4abc-8def-0123456789ab';
    const res = await request(ctx.app).get(`/api/users/profiles?ids=${[c.id, unknown, a.id, b.id, a.id].join(',')}`);
    expect(res.status).toBe(200);
    expect(res.body.profiles.map((p: { id: string }) => p.id)).toEqual([c.id, a.id, b.id]);
    for (const profile of res.body.profiles) expect(Object.keys(profile).sort()).toEqual(publicFields);
  });

  it.each([
    ['no ids', ''],
    ['a malformed id', '?ids=abc'],
    ['an empty id', '?ids=,'],
    ['more than 100 ids', `?ids=${Array.from({ length: 101 }, () => '0b8f9d4e-1234-4abc-8def-0123456789ab').join(',')}`],
  ])('when given %s, then 400', async (_label, query) => {
    expectError(await request(ctx.app).get(`/api/users/profiles${query}`), 400, 'validation-failed');
  });
});
