// The real tutoring service on an ephemeral port, for other services' tests (groups books tutor sessions here).
import type { Server } from 'node:http';
import {
  Lifecycle,
  createLogger,
  createPool,
  jwksKeyResolver,
  pingDatabase,
  portOf,
  startServer,
  stopServer,
} from '@tutoring-platform/shared';
import { createApp } from '../app';
import { httpGroupSessions } from '../clients/group-sessions';
import { httpUsersDirectory } from '../clients/users-directory';
import { createDependencies } from '../dependencies';

export interface TutoringTestServer {
  baseUrl: string;
  close(): Promise<void>;
}

/** Uses the run's database (TEST_DATABASE_URL_TUTORING, migrated by the jest global setup). */
export async function startTutoringTestServer(options: {
  users: { baseUrl: string; jwksUrl: string; issuer: string; audience: string };
  groupsApiUrl: string;
}): Promise<TutoringTestServer> {
  const url = process.env.TEST_DATABASE_URL_TUTORING;
  if (!url) throw new Error('TEST_DATABASE_URL_TUTORING is not set: run tests through jest with the global setup');
  const logger = createLogger('tutoring-test', 'silent');
  const pool = createPool({ connectionString: url, max: 5 }, logger);
  const deps = createDependencies(pool, {
    resolveKey: jwksKeyResolver(options.users.jwksUrl),
    tokens: { issuer: options.users.issuer, audience: options.users.audience },
    users: httpUsersDirectory(options.users.baseUrl, 0),
    groupSessions: httpGroupSessions(options.groupsApiUrl, logger),
    pendingExpiryHours: 24,
  });
  const app = createApp(deps, {
    logger,
    lifecycle: new Lifecycle(),
    readiness: { database: pingDatabase(pool) },
    bodyLimit: '100kb',
    rateLimitPerMinute: 1_000_000,
  });
  const server: Server = await startServer(app, 0, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${portOf(server)}/api/tutoring`,
    async close() {
      await stopServer(server, 1000);
      await pool.end();
    },
  };
}
