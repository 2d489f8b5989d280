// Property-based bad-input checks over every endpoint in a service's OpenAPI document: no input may yield a 5xx or a hang.
import type { Express } from 'express';
import fc from 'fast-check';
import request from 'supertest';

export interface Endpoint {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path with `{param}` placeholders. */
  path: string;
}

export function endpointsOf(document: { paths?: Record<string, Record<string, unknown>> }): Endpoint[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((m): m is Endpoint['method'] => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((method) => ({ method, path })),
  );
}

const headerText = fc.string({ unit: 'grapheme-ascii', maxLength: 200 });

const pathValue = fc.oneof(fc.uuid(), fc.string({ maxLength: 60 }), fc.constantFrom('..', '%', '0', '-1', 'null', ' ', '\u0000'));

const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(
      'email',
      'password',
      'displayName',
      'timezone',
      'ids',
      'reason',
      'bio',
      'school',
      'coursesOfStudy',
      '__proto__',
      'constructor',
    ),
    fc.jsonValue({ maxDepth: 2 }),
  ),
  fc.string({ maxLength: 200 }).map((raw) => ({ raw })),
);

/** The exact bytes to send: JSON for values, the string itself for raw (often malformed) text. */
const serialise = (payload: unknown): string =>
  typeof payload === 'object' && payload !== null && 'raw' in payload && typeof payload.raw === 'string'
    ? payload.raw
    : JSON.stringify(payload);

const query = fc.dictionary(
  fc.constantFrom('ids', 'q', 'limit', 'cursor', 'status', 'from', 'to', 'course'),
  fc.oneof(fc.string({ maxLength: 80 }), fc.integer().map(String)),
  {
    maxKeys: 3,
  },
);

const headers = fc.record(
  {
    'content-type': fc.constantFrom(
      'application/json',
      'text/plain',
      'application/json; charset=latin1',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-16',
    ),
    authorization: fc.oneof(
      headerText,
      headerText.map((t) => `Bearer ${t}`),
    ),
    cookie: headerText.map((t) => `refresh_token=${t}`),
    'x-request-id': headerText,
    'x-amzn-trace-id': headerText,
    'x-csrf-protection': headerText,
    'x-forwarded-for': headerText,
  },
  { requiredKeys: [] },
);

/**
 * Fires `runs` random requests at each endpoint, sometimes with a valid token, and fails on any 5xx,
 * any non-JSON error body or any response slower than `timeoutMs`.
 */
export async function assertNoServerErrors(
  app: Express,
  endpoints: Endpoint[],
  tokens: string[],
  runs = 40,
  timeoutMs = 5000,
): Promise<void> {
  for (const endpoint of endpoints) {
    await fc.assert(
      fc.asyncProperty(
        fc.array(pathValue, { minLength: 3, maxLength: 3 }),
        query,
        body,
        headers,
        tokens.length > 0 ? fc.option(fc.constantFrom(...tokens)) : fc.constant(null),
        async (params, q, payload, hdrs, token) => {
          let i = 0;
          const path = endpoint.path.replace(/\{\w+\}/g, () => encodeURIComponent(params[i++] ?? ''));
          let req = request(app)[endpoint.method](path).query(q).timeout(timeoutMs);
          for (const [name, value] of Object.entries(hdrs)) req = req.set(name, value);
          if (token) req = req.set('Authorization', `Bearer ${token}`);
          const res = await req.send(serialise(payload));
          if (res.status >= 500) throw new Error(`${endpoint.method.toUpperCase()} ${path} -> ${res.status} ${JSON.stringify(res.body)}`);
          if (res.status >= 400) {
            if (typeof res.body?.error?.code !== 'string' || typeof res.body.error.requestId !== 'string') {
              throw new Error(
                `${endpoint.method.toUpperCase()} ${path} -> ${res.status} without the error body: ${res.text.slice(0, 200)}`,
              );
            }
          }
        },
      ),
      { numRuns: runs, includeErrorInReport: true },
    );
  }
}

/** Text that no field may store, whatever its kind: NUL, other C0 and C1 controls, an unpaired surrogate. */
export const forbiddenTexts = ['nul \u0000 byte', 'bell \u0007', 'escape \u001b[31m', 'next line \u0085', 'half \ud800 pair'];

/**
 * For each named string field of a valid body, sends the body with that field set to each forbidden text and
 * expects a 400 naming the field; then the valid body itself must still succeed, so the 400s were about the text.
 */
export async function assertRejectsForbiddenText(
  send: (body: Record<string, unknown>) => request.Test,
  valid: Record<string, unknown>,
  fields: string[],
): Promise<void> {
  for (const field of fields) {
    for (const bad of forbiddenTexts) {
      const res = await send({ ...valid, [field]: bad });
      if (res.status !== 400 || res.body?.error?.details?.[0]?.path !== field) {
        throw new Error(`${field} = ${JSON.stringify(bad)} -> ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
  }
  const ok = await send(valid);
  if (ok.status >= 300) throw new Error(`the valid body failed: ${ok.status} ${JSON.stringify(ok.body)}`);
}
