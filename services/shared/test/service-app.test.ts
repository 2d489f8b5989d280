import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { Api, AppError, Lifecycle, createLogger, createServiceApp, type ReadinessCheck } from '../src';
import { assertNoServerErrors } from '@tutoring-platform/testing';

function buildApp(options: { readiness?: Record<string, ReadinessCheck>; lifecycle?: Lifecycle; rateLimitPerMinute?: number } = {}) {
  const api = new Api({ title: 'Fixture', version: '1', description: 'test fixture' }, '/api/fixture', { things: 'things' });
  api.route({
    method: 'post',
    path: '/things',
    operationId: 'createThing',
    tag: 'things',
    summary: 'create a thing',
    description: 'fixture',
    access: 'public',
    body: z.strictObject({ name: z.string().min(1), size: z.number().int().positive() }),
    response: z.object({ name: z.string(), size: z.number() }),
    status: 201,
    // the extra field must never reach the client
    handle: async ({ body }) => ({ ...body, secret: 'do-not-leak' }),
  });
  api.route({
    method: 'get',
    path: '/things/:id',
    operationId: 'getThing',
    tag: 'things',
    summary: 'read a thing',
    description: 'fixture',
    errors: { 404: ['thing-not-found'] },
    access: 'public',
    params: z.object({ id: z.string().regex(/^\d+$/) }),
    response: z.object({ id: z.string() }),
    handle: async ({ params }) => {
      if (params.id === '0') throw new AppError('thing-not-found', 404, 'No such thing');
      if (params.id === '13') throw new Error('database exploded at /srv/app/src/thing.ts:13');
      if (params.id === '7') return { id: 7 } as unknown as { id: string };
      return { id: params.id };
    },
  });
  api.route({
    method: 'get',
    path: '/private',
    operationId: 'getPrivate',
    tag: 'things',
    summary: 'needs a user',
    description: 'fixture',
    access: 'user',
    handle: async () => undefined,
  });
  return createServiceApp({
    api,
    logger: createLogger('fixture', 'silent'),
    lifecycle: options.lifecycle ?? new Lifecycle(),
    readiness: options.readiness ?? {},
    bodyLimit: '100kb',
    rateLimitPerMinute: options.rateLimitPerMinute ?? 10_000,
  });
}

const app = buildApp();

function expectErrorBody(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body.error).toMatchObject({ code, message: expect.any(String), requestId: res.headers['x-request-id'] });
  expect(res.text).not.toMatch(/<html|\.ts:\d+|at Object\./);
}

describe('errors', () => {
  it('when the JSON is malformed, then 400 invalid-json', async () => {
    expectErrorBody(
      await request(app).post('/api/fixture/things').set('content-type', 'application/json').send('{"name": '),
      400,
      'invalid-json',
    );
  });

  it('when a body is sent as another media type, then 415 unsupported-media-type and the OpenAPI document lists 415', async () => {
    for (const [type, payload] of [
      ['text/plain', '{"name":"x","size":1}'],
      ['application/x-www-form-urlencoded', 'name=x&size=1'],
      ['application/xml', '<thing name="x" size="1"/>'],
      ['application/json; charset=latin1', '{"name":"x","size":1}'],
    ]) {
      const res = await request(app).post('/api/fixture/things').set('content-type', type!).send(payload!);
      expectErrorBody(res, 415, type!.includes('charset') ? 'unsupported-charset' : 'unsupported-media-type');
    }
    const json = await request(app)
      .post('/api/fixture/things')
      .set('content-type', 'application/json; charset=utf-8')
      .send('{"name":"x","size":1}');
    expect(json.status).toBe(201);
    const noBody = await request(app).post('/api/fixture/things');
    expectErrorBody(noBody, 400, 'validation-failed');
    const doc = (await request(app).get('/api/fixture/openapi.json')).body;
    expect(Object.keys(doc.paths['/api/fixture/things'].post.responses)).toContain('415');
  });

  it('when the body is over 100 KB, then 413 payload-too-large', async () => {
    const res = await request(app)
      .post('/api/fixture/things')
      .send({ name: 'x'.repeat(101 * 1024), size: 1 });
    expectErrorBody(res, 413, 'payload-too-large');
  });

  it('when a field is wrong or unknown, then 400 validation-failed with each field in details', async () => {
    const res = await request(app).post('/api/fixture/things').send({ name: '', size: -1, admin: true });
    expectErrorBody(res, 400, 'validation-failed');
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['', 'name', 'size']);
    expect(JSON.stringify(res.body.error.details)).toMatch(/admin/);
  });

  it('when the route is unknown, then 404 not-found as JSON', async () => {
    expectErrorBody(await request(app).get('/api/fixture/nope'), 404, 'not-found');
    expectErrorBody(await request(app).delete('/somewhere/else'), 404, 'not-found');
  });

  it('when a use case throws an AppError, then its status and code', async () => {
    expectErrorBody(await request(app).get('/api/fixture/things/0'), 404, 'thing-not-found');
  });

  it('when something unexpected throws, then 500 internal-error without the message or a stack, and the server lives on', async () => {
    const res = await request(app).get('/api/fixture/things/13');
    expectErrorBody(res, 500, 'internal-error');
    expect(res.text).not.toMatch(/exploded/);
    expect((await request(app).get('/api/fixture/things/1')).status).toBe(200);
  });

  it('when a handler returns something its response schema does not allow, then 500 rather than unchecked data', async () => {
    expectErrorBody(await request(app).get('/api/fixture/things/7'), 500, 'internal-error');
  });

  it('when the handler returns extra fields, then the response schema strips them', async () => {
    const res = await request(app).post('/api/fixture/things').send({ name: 'box', size: 3 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ name: 'box', size: 3 });
  });

  it('when access needs a user and none is signed in, then 401', async () => {
    expectErrorBody(await request(app).get('/api/fixture/private'), 401, 'authentication-required');
  });
});

describe('request ids, headers and limits', () => {
  it('when the caller sends x-request-id, then it is echoed and used in errors', async () => {
    const res = await request(app).get('/api/fixture/nope').set('x-request-id', 'abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.body.error.requestId).toBe('abc-123');
  });

  it('when only the ALB trace header is present, then its Root is the request id', async () => {
    const res = await request(app)
      .get('/api/fixture/things/1')
      .set('X-Amzn-Trace-Id', 'Root=1-67891233-abcdef012345678912345678;Sampled=1');
    expect(res.headers['x-request-id']).toBe('1-67891233-abcdef012345678912345678');
  });

  it('when x-request-id is unsafe, then a fresh id replaces it', async () => {
    const res = await request(app).get('/api/fixture/things/1').set('x-request-id', 'bad id with spaces\u0001'.replace('\u0001', ''));
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when a request comes from another origin, then no CORS header opens it up; security headers are set', async () => {
    const res = await request(app).get('/api/fixture/things/1').set('Origin', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('when one IP goes over the per-minute limit, then 429 rate-limited with Retry-After; health checks are exempt', async () => {
    const limited = buildApp({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await request(limited).get('/api/fixture/things/1')).status).toBe(200);
    const res = await request(limited).get('/api/fixture/things/1');
    expectErrorBody(res, 429, 'rate-limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect((await request(limited).get('/api/fixture/healthz')).status).toBe(200);
  });
});

describe('health, readiness and docs', () => {
  it('when dependencies answer, then readyz 200; when one fails, then 503 naming it', async () => {
    expect((await request(buildApp({ readiness: { database: async () => undefined } })).get('/api/fixture/readyz')).status).toBe(200);
    const res = await request(buildApp({ readiness: { database: async () => Promise.reject(new Error('down')) } })).get(
      '/api/fixture/readyz',
    );
    expectErrorBody(res, 503, 'not-ready');
    expect(res.body.error.details).toEqual({ failed: ['database'] });
  });

  it('when shutting down, then readyz 503 while healthz stays 200', async () => {
    const lifecycle = new Lifecycle();
    const draining = buildApp({ lifecycle });
    lifecycle.beginShutdown();
    expectErrorBody(await request(draining).get('/api/fixture/readyz'), 503, 'shutting-down');
    expect((await request(draining).get('/api/fixture/healthz')).status).toBe(200);
  });

  it('when asked, then the OpenAPI document describes each route from its zod schemas, and docs lead to the web app’s page for it', async () => {
    const doc = (await request(app).get('/api/fixture/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    const create = doc.paths['/api/fixture/things'].post;
    expect(create.requestBody.content['application/json'].schema.required).toEqual(['name', 'size']);
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400']));
    expect(doc.paths['/api/fixture/things/{id}'].get.parameters[0]).toMatchObject({ name: 'id', in: 'path' });
    expect(doc.paths['/api/fixture/private'].get.security).toEqual([{ bearer: [] }]);
    const page = await request(app).get('/api/fixture/docs');
    expect(page.status).toBe(302);
    expect(page.headers.location).toBe('/api-docs/?spec=%2Fapi%2Ffixture%2Fopenapi.json');
  });
});

describe('the bad-input harness', () => {
  it('when an endpoint answers 500 for some input, then the harness fails', async () => {
    const broken = express();
    broken.post('/echo', express.text({ type: '*/*' }), (req, res) => {
      res.status(String(req.body).includes('{') ? 500 : 200).json({ ok: true });
    });
    await expect(assertNoServerErrors(broken, [{ method: 'post', path: '/echo' }], [], 100)).rejects.toThrow(/-> 500/);
  });

  it('when an endpoint answers 4xx without the error body, then the harness fails', async () => {
    const sloppy = express();
    sloppy.get('/x', (_req, res) => {
      res.status(400).send('<html>bad</html>');
    });
    await expect(assertNoServerErrors(sloppy, [{ method: 'get', path: '/x' }], [], 5)).rejects.toThrow(/without the error body/);
  });

  it('when the shared app answers random input, then nothing is a 5xx', async () => {
    // /things/{id} is left out: it fails on purpose for ids 7 and 13 to test the error middleware
    await assertNoServerErrors(
      app,
      [
        { method: 'post', path: '/api/fixture/things' },
        { method: 'get', path: '/api/fixture/private' },
        { method: 'get', path: '/api/fixture/readyz' },
      ],
      [],
      60,
    );
  });
});
