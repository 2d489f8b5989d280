import request from 'supertest';
import { assertNoServerErrors, assertRejectsForbiddenText, endpointsOf } from '@tutoring-platform/testing';
import { auth, createTestContext, type TestContext } from './support';

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

describe('text people type', () => {
  it('when a group, meeting or post field holds a NUL byte, another control character or half a surrogate pair, then 400 names it', async () => {
    const owner = await ctx.users.signUp();
    const group = {
      name: 'Text',
      course: 'TXT101',
      subject: 'Text',
      capacity: 5,
      description: 'd',
      meetingStyle: 'in_person',
      location: 'Room 1',
    };
    await assertRejectsForbiddenText((body) => request(ctx.app).post('/api/groups').set(auth(owner)).send(body), group, [
      'name',
      'course',
      'subject',
      'description',
      'location',
    ]);
    const g = (await request(ctx.app).post('/api/groups').set(auth(owner)).send(group)).body.id as string;
    await assertRejectsForbiddenText(
      (body) => request(ctx.app).post(`/api/groups/${g}/posts`).set(auth(owner)).send(body),
      { body: 'Hello' },
      ['body'],
    );
    const meeting = { title: 'Review', startsAt: '2031-01-01T10:00:00Z', endsAt: '2031-01-01T11:00:00Z', timezone: 'UTC', agenda: 'a' };
    await assertRejectsForbiddenText((body) => request(ctx.app).post(`/api/groups/${g}/meetings`).set(auth(owner)).send(body), meeting, [
      'title',
      'agenda',
    ]);
  });

  it('when a post is only zero-width characters and spaces, then it is refused as empty; a multi-line post keeps its lines', async () => {
    const owner = await ctx.users.signUp();
    const g = (
      await request(ctx.app).post('/api/groups').set(auth(owner)).send({ name: 'Blank', course: 'TXT101', subject: 'Text', capacity: 5 })
    ).body.id as string;
    const blank = await request(ctx.app).post(`/api/groups/${g}/posts`).set(auth(owner)).send({ body: '\u200b \u200c\u200d \u2060\ufeff' });
    expect([blank.status, blank.body.error.details[0].path]).toEqual([400, 'body']);
    const lines = await request(ctx.app).post(`/api/groups/${g}/posts`).set(auth(owner)).send({ body: 'first\n\tsecond' });
    expect([lines.status, lines.body.body]).toEqual([201, 'first\n\tsecond']);
  });
});
