// The real tutoring service on an ephemeral port, for other services' tests (groups books tutor sessions here).
import type { Server } from 'node:http';
import type pg from 'pg';
import { createPool, pingDatabase } from '@tutoring-platform/postgres';
import { Lifecycle, createLogger, jwksKeyResolver, portOf, startServer, stopServer, type Logger } from '@tutoring-platform/shared';
import { createApp } from '../app';
import { httpGroupSessions } from '../clients/group-sessions';
import { httpUsersDirectory } from '../clients/users-directory';
import { createDependencies } from '../dependencies';

export interface TestUsersService {
  baseUrl: string;
  jwksUrl: string;
  issuer: string;
  audience: string;
}

/** The real tutoring app on `pool`, verifying tokens of the given users service; `now` moves its clock. */
export function createTutoringTestApp(options: {
  pool: pg.Pool;
  users: TestUsersService;
  groupsApiUrl: string;
  logger: Logger;
  now?: () => Date;
}) {
  const deps = createDependencies(options.pool, {
    resolveKey: jwksKeyResolver(options.users.jwksUrl),
    tokens: { issuer: options.users.issuer, audience: options.users.audience },
    users: httpUsersDirectory(options.users.baseUrl, 0),
    groupSessions: httpGroupSessions(options.groupsApiUrl, options.logger),
    pendingExpiryHours: 24,
    ...(options.now ? { now: options.now } : {}),
  });
  const app = createApp(deps, {
    logger: options.logger,
    lifecycle: new Lifecycle(),
    readiness: { database: pingDatabase(options.pool) },
    bodyLimit: '100kb',
    rateLimitPerMinute: 1_000_000,
  });
  return { deps, app };
}

export interface TutoringTestServer {
  baseUrl: string;
  close(): Promise<void>;
}

/** Uses the run's database (TEST_DATABASE_URL_TUTORING, migrated by the jest global setup). */
export async function startTutoringTestServer(options: { users: TestUsersService; groupsApiUrl: string }): Promise<TutoringTestServer> {
  const url = process.env.TEST_DATABASE_URL_TUTORING;
  if (!url) throw new Error('TEST_DATABASE_URL_TUTORING is not set: run tests through jest with the global setup');
  const logger = createLogger('tutoring-test', 'silent');
  const pool = createPool({ connectionString: url, max: 5 }, logger);
  const { app } = createTutoringTestApp({ pool, users: options.users, groupsApiUrl: options.groupsApiUrl, logger });
  const server: Server = await startServer(app, 0, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${portOf(server)}/api/tutoring`,
    async close() {
      await stopServer(server, 1000);
      await pool.end();
    },
  };
}
