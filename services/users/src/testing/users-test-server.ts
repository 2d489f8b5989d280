// The real users service on an ephemeral port, for other services' tests: real accounts, real tokens, real JWKS.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { generate } from 'otplib';
import type pg from 'pg';
import { createPool, pingDatabase, resolvePoolConfig } from '@tutoring-platform/postgres';
import {
  Lifecycle,
  createLogger,
  httpEventDelivery,
  portOf,
  startServer,
  stopServer,
  OutboxRelay,
  type RelaySettings,
} from '@tutoring-platform/shared';
import { clientSecretVariable, serviceClients } from '@tutoring-platform/shared/catalog';
import { createApp } from '../app';
import { loadUsersConfig } from '../config';
import { createDependencies } from '../dependencies';
import { ensureAdmin } from '../domain/ensure-admin';
import { ownServiceTokens } from '../domain/issue-service-token';

export interface TestAccount {
  id: string;
  name: string;
  email: string;
  accessToken: string;
}

export interface UsersTestServer {
  baseUrl: string;
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** A new account whose email is confirmed, as booking and tutoring need; `{ verified: false }` leaves it unconfirmed. */
  signUp(displayName?: string, timezone?: string, options?: { verified?: boolean }): Promise<TestAccount>;
  /** A new administrator, signed in with both steps as administrators must be. */
  signUpAdmin(): Promise<TestAccount>;
  /** A service client's secret, as the users service knows it. */
  clientSecret(client: string): string;
  /** Starts delivering the outbox's events to the peers at these API base URLs (by service name), until `close`. */
  relayTo(peers: Partial<Record<'tutoring' | 'notifications', string>>, settings?: RelaySettings): void;
  close(): Promise<void>;
}

const newSigningKey = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

export const testSigningKey = newSigningKey();

/** Every service client's secret in tests. */
export const testClientSecret = (client: string) => `${client}-test-client-secret-0123456789abcdef`;

/** Settings for tests: the run's database (TEST_DATABASE_URL_USERS, from the jest global setup), cheap hashes. */
export function testEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const url = process.env.TEST_DATABASE_URL_USERS;
  if (!url) throw new Error('TEST_DATABASE_URL_USERS is not set: run tests through jest with the global setup');
  return {
    DATABASE_URL: url,
    JWT_PRIVATE_KEY: testSigningKey,
    TOTP_ENCRYPTION_KEY: 'test-totp-encryption-key-0123456789abcdef',
    ...Object.fromEntries(serviceClients.map((client) => [clientSecretVariable(client), testClientSecret(client.name)])),
    // Cheap hashes keep tests fast; production cost is the config default.
    PASSWORD_MEMORY_KIB: '1024',
    PASSWORD_TIME_COST: '1',
    RATE_LIMIT_PER_MINUTE: '1000000',
    // every test shares one address; the per-client limit has its own test
    LOGIN_MAX_FAILURES_PER_CLIENT: '1000000',
    LOG_LEVEL: 'silent',
    REVOCATION_POLL_MS: '200',
    // the run's globalSetup migrated the schema already
    MIGRATE_ON_START: 'false',
    ...overrides,
  };
}

/** A code from an authenticator app holding `key`, `stepsAhead` 30-second steps from now: each code works once. */
export const totpCode = (key: string, stepsAhead = 0): Promise<string> =>
  generate({ secret: key, epoch: Math.floor(Date.now() / 1000) + 30 * stepsAhead });

/** How a helper calls the users API: with supertest on the app, or with fetch on a listening server. */
export type UsersCall = (
  method: 'post' | 'delete',
  path: string,
  body: unknown,
  accessToken?: string,
) => Promise<{ status: number; body: unknown }>;

/** A session as the users API answers it, as far as tests need it. */
export interface TestSession {
  accessToken: string;
  user: { id: string; displayName: string; email: string };
}

/** The body of an answer with the expected status, as the documented type `T` (the contract tests check the shapes). */
function expectStatus<T>(what: string, res: { status: number; body: unknown }, status: number): T {
  if (res.status !== status) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as T;
}

/**
 * Signs in an administrator that has no second step yet, as they must before any admin tool answers: the password,
 * two-step set-up with its first code, then the password again with the next code. The key and session for tests.
 */
export async function enrolAndSignIn(call: UsersCall, email: string, password: string): Promise<{ key: string; session: TestSession }> {
  const first = expectStatus<TestSession>('log in', await call('post', '/auth/login', { email, password }), 200);
  const { key } = expectStatus<{ key: string }>('two-step set-up', await call('post', '/me/two-factor', undefined, first.accessToken), 200);
  expectStatus('two-step confirm', await call('post', '/me/two-factor/confirm', { code: await totpCode(key) }, first.accessToken), 200);
  const { challenge } = expectStatus<{ challenge: string }>('log in', await call('post', '/auth/login', { email, password }), 200);
  const session = expectStatus<TestSession>(
    'second step',
    await call('post', '/auth/login/second-step', { challenge, code: await totpCode(key, 1) }),
    200,
  );
  return { key, session };
}

/** The link the confirmation email carries, from the event the users service wrote for it. */
export async function verificationTokenOf(pool: pg.Pool, userId: string): Promise<string> {
  const { rows } = await pool.query<{ token: string }>(
    `SELECT data->>'token' AS token FROM outbox WHERE key = $1 AND type = 'email-verification-requested' ORDER BY id DESC LIMIT 1`,
    [userId],
  );
  if (!rows[0]) throw new Error(`no confirmation link was sent to ${userId}`);
  return rows[0].token;
}

/** The real users app on the test database, not listening. */
export async function createUsersTestApp(overrides: NodeJS.ProcessEnv = {}) {
  const config = loadUsersConfig(testEnv(overrides));
  const logger = createLogger('users-test', config.LOG_LEVEL);
  const pool = createPool(await resolvePoolConfig(config), logger);
  const deps = createDependencies(config, pool);
  const app = createApp(deps, {
    logger,
    lifecycle: new Lifecycle(),
    readiness: { database: pingDatabase(pool) },
    bodyLimit: config.BODY_LIMIT,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
  });
  return { app, deps, pool, config, close: () => pool.end() };
}

/** The users service listening on an ephemeral port, with its own signing key. */
export async function startUsersTestServer(): Promise<UsersTestServer> {
  const { app, deps, pool, config } = await createUsersTestApp({ JWT_PRIVATE_KEY: newSigningKey() });
  const logger = createLogger('users-test', 'silent');
  let relay: OutboxRelay | undefined;
  const server: Server = await startServer(app, 0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${portOf(server)}/api/users`;

  const call: UsersCall = async (method, path, body, accessToken) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: method.toUpperCase(),
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const post = async (path: string, body: unknown, status = 200): Promise<TestSession> =>
    expectStatus(path, await call('post', path, body), status);
  const account = (session: TestSession): TestAccount => ({
    id: session.user.id,
    name: session.user.displayName,
    email: session.user.email,
    accessToken: session.accessToken,
  });

  return {
    baseUrl,
    jwksUrl: `${baseUrl}/.well-known/jwks.json`,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    async signUp(displayName = 'Test Student', timezone = 'UTC', { verified = true } = {}) {
      const email = `${randomUUID().slice(0, 12)}@example.test`;
      const password = 'test passphrase 2026';
      const created = await post('/auth/register', { email, password, displayName, timezone }, 201);
      if (!verified) return account(created);
      await post('/auth/email-verification/complete', { token: await verificationTokenOf(pool, created.user.id) });
      return account(await post('/auth/login', { email, password }));
    },
    async signUpAdmin() {
      const email = `admin-${randomUUID().slice(0, 12)}@example.test`;
      await ensureAdmin(deps, { email, password: 'admin passphrase 2026' });
      return account((await enrolAndSignIn(call, email, 'admin passphrase 2026')).session);
    },
    clientSecret: testClientSecret,
    relayTo(peers, settings = { pollMs: 50, retryBaseMs: 100, retryMaxMs: 2_000 }) {
      const destinations = Object.fromEntries(
        Object.entries(peers).map(([name, url]) => [name, httpEventDelivery(url, 'users', ownServiceTokens(deps))]),
      );
      relay = new OutboxRelay(deps.outbox, destinations, logger, settings);
      relay.start();
    },
    async close() {
      await relay?.stop();
      await stopServer(server, 1000);
      await pool.end();
    },
  };
}
