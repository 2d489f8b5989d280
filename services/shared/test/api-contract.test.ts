import request from 'supertest';
import { z } from 'zod';
import {
  Api,
  AppError,
  Lifecycle,
  MIN_DEPRECATION_DAYS,
  createLogger,
  createServiceApp,
  idempotencyKeyHeader,
  responseHeaders,
  undeclaredErrors,
} from '../src';

type Operation = {
  operationId: string;
  security: unknown[];
  parameters?: { name: string; in: string; required: boolean }[];
  responses: Record<
    string,
    { headers?: Record<string, unknown>; content?: Record<string, { schema: { allOf: { properties?: unknown }[] } }> }
  >;
};

function fixture() {
  const api = new Api({ title: 'Fixture', version: '1.2.0', description: 'test fixture' }, '/api/fixture', { things: 'Things' });
  api.route({
    method: 'post',
    path: '/things',
    operationId: 'createThing',
    summary: 'Create a thing',
    description: 'Creates a thing once per Idempotency-Key.',
    tag: 'things',
    access: 'user',
    headers: { key: idempotencyKeyHeader(10) },
    body: z.strictObject({ name: z.string().min(1) }),
    response: z.object({ name: z.string(), key: z.string() }),
    status: 201,
    responseHeaders: [responseHeaders.idempotentReplayed],
    errors: [{ 409: ['thing-exists'] }, { 409: ['thing-locked'], 422: ['thing-too-big'] }],
    examples: { body: { name: 'kettle' } },
    handle: async ({ body, headers }) => {
      if (body.name === 'exists') throw new AppError('thing-exists', 409, 'exists');
      if (body.name === 'surprise') throw new AppError('thing-surprise', 409, 'not in the contract');
      return { name: body.name, key: headers.key };
    },
  });
  api.route({
    method: 'get',
    path: '/things/:id',
    operationId: 'getThing',
    summary: 'Read a thing',
    description: 'Anyone reads a thing.',
    tag: 'things',
    access: 'public',
    params: z.object({ id: z.string() }),
    response: z.object({ id: z.string() }),
    handle: async ({ params }) => ({ id: params.id }),
  });
  api.route({
    method: 'get',
    path: '/legacy-things',
    operationId: 'listLegacyThings',
    summary: 'Old list of things',
    description: 'Replaced by something better.',
    tag: 'things',
    access: 'public',
    deprecated: { since: '2026-12-01T00:00:00Z', sunset: '2027-06-01T00:00:00Z' },
    response: z.object({ things: z.array(z.string()) }),
    handle: async () => ({ things: [] }),
  });
  return api;
}

type Document = {
  info: Record<string, unknown>;
  tags: unknown[];
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
};
const document = () => fixture().openApiDocument() as Document;
/** Follows a `#/components/...` reference, as a reader of the document would. */
const deref = <T>(doc: Document, value: T): T => {
  const ref = (value as { $ref?: string }).$ref;
  if (!ref) return value;
  const [, , kind, name] = ref.split('/');
  return doc.components[kind!]![name!] as T;
};

describe('the Api contract', () => {
  it('when an operation is declared, then the document names it, its tag, its security and every error code by status', () => {
    const doc = document();
    const create = doc.paths['/api/fixture/things']!.post!;
    expect(create.operationId).toBe('createThing');
    expect(create.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/fixture/things/{id}']!.get!.security).toEqual([{}, { bearer: [] }]);
    expect(doc.tags).toEqual([{ name: 'things', description: 'Things' }]);
    expect(doc.info).toMatchObject({ version: '1.2.0', contact: { name: expect.any(String) }, license: { name: expect.any(String) } });
    const codes = (status: string) => deref(doc, create.responses[status]!).content!['application/json']!.schema.allOf[1]!.properties;
    expect(JSON.stringify(codes('409'))).toContain('["thing-exists","thing-locked"]');
    expect(JSON.stringify(codes('400'))).toContain('["idempotency-key-required","invalid-json","validation-failed"]');
    expect(JSON.stringify(codes('401'))).toContain('["authentication-required","invalid-token"]');
    expect(Object.keys(create.responses).sort()).toEqual(['201', '400', '401', '409', '413', '415', '422', '429', '503']);
  });

  it('when an operation reads and sends headers, then they are in its parameters and responses', () => {
    const doc = document();
    const create = doc.paths['/api/fixture/things']!.post!;
    const headers = (status: string) => Object.keys(deref(doc, create.responses[status]!).headers!);
    expect(create.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }));
    expect(headers('201')).toEqual(['RateLimit', 'RateLimit-Policy', 'Idempotent-Replayed']);
    expect(headers('429')).toContain('Retry-After');
    expect(headers('401')).toContain('WWW-Authenticate');
    expect(doc.components.headers!['Idempotent-Replayed']).toMatchObject({ schema: { type: 'string', enum: ['true'] } });
  });

  /** The least a route declares, for the tests that add one to the fixture. */
  const plain = {
    method: 'get' as const,
    path: '/x',
    summary: 'x',
    description: 'x',
    tag: 'things',
    access: 'public' as const,
    handle: async () => undefined,
  };

  it('when a declaration is inconsistent, then declaring it fails at start, not at request time', () => {
    const api = fixture();
    const base = plain;
    expect(() => api.route({ ...base, operationId: 'getThing' })).toThrow('used twice');
    expect(() => api.route({ ...base, operationId: 'other', tag: 'unknown' })).toThrow('not declared');
    expect(() =>
      api.route({
        ...base,
        method: 'post',
        operationId: 'bad',
        tag: 'things',
        body: z.object({ n: z.number() }),
        examples: { body: { n: 'one' } as unknown as { n: number } },
      }),
    ).toThrow('example does not match');
  });

  it('when an operation is deprecated, then its document says so and its sunset is at least the policy’s days away', () => {
    const api = fixture();
    const base = plain;
    api.route({ ...base, path: '/old', operationId: 'old', deprecated: { since: '2026-12-01', sunset: '2027-06-01' } });
    expect(() =>
      api.route({ ...base, path: '/older', operationId: 'older', deprecated: { since: '2026-12-01', sunset: '2027-01-01' } }),
    ).toThrow(`lives at least ${MIN_DEPRECATION_DAYS} days`);
    const old = (api.openApiDocument() as Document).paths['/api/fixture/old']!.get! as Operation & { deprecated?: boolean };
    expect(old.deprecated).toBe(true);
    expect(Object.keys(old.responses['204']!.headers!)).toEqual(['RateLimit', 'RateLimit-Policy', 'Deprecation', 'Sunset']);
  });

  describe('through HTTP', () => {
    const app = createServiceApp({
      api: fixture(),
      logger: createLogger('fixture', 'silent'),
      lifecycle: new Lifecycle(),
      readiness: {},
      bodyLimit: '100kb',
      rateLimitPerMinute: 10_000,
      before: [
        (req, _res, next) => {
          req.auth = { id: '00000000-0000-4000-8000-000000000001', role: 'student', name: 'Ada', emailVerified: true, secondFactor: false };
          next();
        },
      ],
    });

    it('when a required header is missing or invalid, then its own error and the handler does not run', async () => {
      for (const key of [undefined, '', 'x'.repeat(11), 'has space']) {
        const req = request(app).post('/api/fixture/things').send({ name: 'kettle' });
        const res = await (key === undefined ? req : req.set('Idempotency-Key', key));
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('idempotency-key-required');
      }
      const ok = await request(app).post('/api/fixture/things').set('idempotency-key', 'k1').send({ name: 'kettle' });
      expect(ok.status).toBe(201);
      expect(ok.body).toEqual({ name: 'kettle', key: 'k1' });
    });

    it('when a deprecated operation answers, then it says since when and until when it works', async () => {
      const res = await request(app).get('/api/fixture/legacy-things');
      expect(res.status).toBe(200);
      expect(res.headers.deprecation).toBe(`@${Date.UTC(2026, 11, 1) / 1000}`);
      expect(res.headers.sunset).toBe('Tue, 01 Jun 2027 00:00:00 GMT');
      expect((await request(app).get('/api/fixture/things/1')).headers.deprecation).toBeUndefined();
    });

    it('when an operation answers an error its contract does not list, then it is recorded; listed ones are not', async () => {
      const before = undeclaredErrors().length;
      expect((await request(app).post('/api/fixture/things').set('Idempotency-Key', 'k').send({ name: 'exists' })).status).toBe(409);
      expect(undeclaredErrors()).toHaveLength(before);
      expect((await request(app).post('/api/fixture/things').set('Idempotency-Key', 'k').send({ name: 'surprise' })).status).toBe(409);
      expect(undeclaredErrors().slice(before)).toEqual(['createThing: 409 thing-surprise']);
      (undeclaredErrors() as string[]).splice(before);
    });
  });
});
