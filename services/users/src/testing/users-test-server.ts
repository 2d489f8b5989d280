// The real users service on an ephemeral port, for other services' tests: real accounts, real tokens, real JWKS.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import {
  Lifecycle,
  createLogger,
  createPool,
  pingDatabase,
  portOf,
  resolvePoolConfig,
  startServer,
  stopServer,
} from '@tutoring-platform/shared';
import { createApp } from '../app';
import { loadUsersConfig } from '../config';
import { createDependencies } from '../dependencies';
import { ensureAdmin } from '../domain/ensure-admin';

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
  close(): Promise<void>;
}

/** Needs TEST_DATABASE_URL_USERS, set by the jest global setup. */
export async function startUsersTestServer(): Promise<UsersTestServer> {
  const config = loadUsersConfig({
    DATABASE_URL: process.env.TEST_DATABASE_URL_USERS,
    JWT_PRIVATE_KEY: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    PASSWORD_MEMORY_KIB: '1024',
    PASSWORD_TIME_COST: '1',
    RATE_LIMIT_PER_MINUTE: '1000000',
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'silent',
  });
  const logger = createLogger('users-test-server', 'silent');
  const pool = createPool(await resolvePoolConfig(config), logger);
  const deps = createDependencies(config, pool);
  const app = createApp(deps, {
    logger,
    lifecycle: new Lifecycle(),
    readiness: { database: pingDatabase(pool) },
    bodyLimit: '100kb',
    rateLimitPerMinute: 1_000_000,
  });
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
    async close() {
      await stopServer(server, 1000);
      await pool.end();
    },
  };
}
