// Builds the real users app on the run's PostgreSQL, plus small helpers to sign people up and read errors.
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import type pg from 'pg';
import request, { type Response } from 'supertest';
import type { UsersConfig } from '../src/config';
import type { UsersDependencies } from '../src/dependencies';
import { ensureAdmin } from '../src/domain/ensure-admin';
import {
  createUsersTestApp,
  enrolAndSignIn,
  testEnv,
  testSigningKey,
  totpCode,
  verificationTokenOf,
  type UsersCall,
} from '../src/testing/users-test-server';

export interface TestContext {
  app: Express;
  deps: UsersDependencies;
  pool: pg.Pool;
  config: UsersConfig;
  privateKeyPem: string;
  close(): Promise<void>;
}

export { testEnv, testSigningKey, totpCode, verificationTokenOf };

/** Calls the users API of an app through supertest, as the shared sign-in helpers expect. */
export const callerOf =
  (app: Express): UsersCall =>
  async (method, path, body, accessToken) => {
    let req = request(app)[method](`/api/users${path}`);
    if (accessToken) req = req.set('Authorization', `Bearer ${accessToken}`);
    const res = body === undefined ? await req : await req.send(body as object);
    return { status: res.status, body: res.body };
  };

export async function createTestContext(overrides: NodeJS.ProcessEnv = {}): Promise<TestContext> {
  return { ...(await createUsersTestApp(overrides)), privateKeyPem: testSigningKey };
}

export const uniqueEmail = (label = 'user') => `${label}-${randomUUID().slice(0, 8)}@example.test`;

export interface SignedUp {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshCookie: string;
}

export function refreshCookieOf(res: Response): string {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = cookies.find((c) => c.startsWith('refresh_token='));
  if (!cookie) throw new Error(`no refresh cookie in ${res.status} response`);
  return cookie.split(';')[0]!;
}

export async function signUp(
  app: Express,
  overrides: Partial<{ email: string; password: string; displayName: string; timezone: string }> = {},
): Promise<SignedUp> {
  const body = {
    email: uniqueEmail(),
    password: 'a perfectly fine passphrase',
    displayName: 'Test Student',
    timezone: 'Europe/Berlin',
    ...overrides,
  };
  const res = await request(app).post('/api/users/auth/register').send(body);
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    id: res.body.user.id,
    email: res.body.user.email,
    password: body.password,
    accessToken: res.body.accessToken,
    refreshCookie: refreshCookieOf(res),
  };
}

/** A new administrator signed in with both steps, as admin tools need; `key` is their authenticator's. */
export async function signUpAdmin(ctx: TestContext): Promise<SignedUp & { key: string }> {
  const email = uniqueEmail('admin');
  const password = 'admin test passphrase';
  await ensureAdmin(ctx.deps, { email, password });
  const { key, session } = await enrolAndSignIn(callerOf(ctx.app), email, password);
  return { id: session.user.id, email, password, accessToken: session.accessToken, refreshCookie: '', key };
}

export const bearer = (who: { accessToken: string }) => ({ Authorization: `Bearer ${who.accessToken}` });

export { expectError } from '@tutoring-platform/testing';
