/// <reference types="jest" />
// The standard error body, asserted the same way in every service's tests.
import type { Response } from 'supertest';

export interface ErrorBody {
  code: string;
  message: string;
  requestId: string;
  details?: unknown;
}

/** Asserts status, code and the shape of `{"error":{...}}` (JSON, request id echoed, no stack trace) and returns the error. */
export function expectError(res: Response, status: number, code: string): ErrorBody {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.requestId).toEqual(res.headers['x-request-id']);
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  return res.body.error as ErrorBody;
}
