// The real users service on an ephemeral port, for other services' tests: real accounts, real tokens, real JWKS.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
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
  signUp(displayName?: string, timezone?: string): Promise<TestAccount>;
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

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path} failed with ${res.status}: ${await res.text()}`);
    return (await res.json()) as { accessToken: string; user: { id: string; displayName: string; email: string } };
  };
  const account = (session: Awaited<ReturnType<typeof post>>): TestAccount => ({
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
    async signUp(displayName = 'Test Student', timezone = 'UTC') {
      const email = `${randomUUID().slice(0, 12)}@example.test`;
      return account(await post('/auth/register', { email, password: 'test passphrase 2026', displayName, timezone }));
    },
    async signUpAdmin() {
      const email = `admin-${randomUUID().slice(0, 12)}@example.test`;
      await ensureAdmin(deps, { email, password: 'admin passphrase 2026' });
      return account(await post('/auth/login', { email, password: 'admin passphrase 2026' }));
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
