// The real tutoring service on an ephemeral port, for other services' tests (groups books tutor sessions here).
import type { Server } from 'node:http';
import type pg from 'pg';
import { createPool, pingDatabase } from '@tutoring-platform/postgres';
import {
  Lifecycle,
  clientCredentials,
  createLogger,
  httpEventDelivery,
  jwksKeyResolver,
  portOf,
  startServer,
  stopServer,
  type Logger,
  OutboxRelay,
  type RelaySettings,
} from '@tutoring-platform/shared';
import { services } from '@tutoring-platform/shared/catalog';
import { createApp } from '../app';
import { httpGroupSessions } from '../clients/group-sessions';
import { httpUsersDirectory } from '../clients/users-directory';
import { S3PhotoStore, s3Client } from '../data/photo-store';
import { createDependencies, type TutoringDependencies } from '../dependencies';

let photoStore: S3PhotoStore | undefined;
/** The run's object store (started by the jest global setup), on the catalog's local bucket: one client per process. */
function testPhotoStore(): S3PhotoStore {
  if (photoStore) return photoStore;
  const { TEST_S3_ENDPOINT: endpoint, TEST_S3_ACCESS_KEY_ID: accessKeyId, TEST_S3_SECRET_ACCESS_KEY: secretAccessKey } = process.env;
  if (!endpoint || !accessKeyId || !secretAccessKey)
    throw new Error('TEST_S3_ENDPOINT is not set: run tests through jest with the global setup');
  const client = s3Client({ region: 'eu-west-1', endpoint, timeoutMs: 5_000, credentials: { accessKeyId, secretAccessKey } });
  photoStore = new S3PhotoStore(client, services.tutoring.objects.localBucketName);
  return photoStore;
}

export interface TestUsersService {
  baseUrl: string;
  jwksUrl: string;
  issuer: string;
  audience: string;
  clientSecret(client: string): string;
}

/**
 * The real tutoring app on `pool`, verifying tokens of the given users service; `now` moves its clock. Group bookings
 * are checked at `groupsApiUrl` (by default an address where nothing listens).
 */
export function createTutoringTestApp(options: {
  pool: pg.Pool;
  users: TestUsersService;
  groupsApiUrl?: string;
  logger: Logger;
  now?: () => Date;
}) {
  const deps = createDependencies(options.pool, {
    resolveKey: jwksKeyResolver(options.users.jwksUrl),
    tokens: { issuer: options.users.issuer, audience: options.users.audience },
    users: httpUsersDirectory(options.users.baseUrl, { ttlMs: 0 }),
    groupSessions: httpGroupSessions(options.groupsApiUrl ?? 'http://127.0.0.1:9/api/groups'),
    photos: testPhotoStore(),
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

/** The outbox relay to the peers at these API base URLs (by service name), with a service token from the users service. */
export function tutoringTestRelay(
  deps: TutoringDependencies,
  users: TestUsersService,
  peers: Partial<Record<'groups' | 'notifications', string>>,
  logger: Logger,
  settings: RelaySettings = { pollMs: 50, retryBaseMs: 100, retryMaxMs: 2_000 },
): OutboxRelay {
  const tokens = clientCredentials(users.baseUrl, 'tutoring', users.clientSecret('tutoring'));
  const destinations = Object.fromEntries(Object.entries(peers).map(([name, url]) => [name, httpEventDelivery(url, 'tutoring', tokens)]));
  return new OutboxRelay(deps.outbox, destinations, logger, settings);
}

export interface TutoringTestServer {
  baseUrl: string;
  deps: TutoringDependencies;
  pool: pg.Pool;
  relay: OutboxRelay;
  close(): Promise<void>;
}

/**
 * Uses the run's database (TEST_DATABASE_URL_TUTORING, migrated by the jest global setup); from the start, its outbox
 * relay delivers to each of `groupsApiUrl` and `notificationsApiUrl` that is given.
 *
 * The run's suites share that database, and a relay takes any suite's events for its peers. So a suite names only the
 * peers it tests: a relay to an address where nothing listens would hold the other suites' events back with retries.
 * Without `groupsApiUrl`, this tutoring books for no group.
 */
export async function startTutoringTestServer(options: {
  users: TestUsersService;
  groupsApiUrl?: string;
  notificationsApiUrl?: string;
  relay?: RelaySettings;
}): Promise<TutoringTestServer> {
  const url = process.env.TEST_DATABASE_URL_TUTORING;
  if (!url) throw new Error('TEST_DATABASE_URL_TUTORING is not set: run tests through jest with the global setup');
  const logger = createLogger('tutoring-test', 'silent');
  const pool = createPool({ connectionString: url, max: 5 }, logger);
  const { app, deps } = createTutoringTestApp({ pool, users: options.users, groupsApiUrl: options.groupsApiUrl, logger });
  const peers = {
    ...(options.groupsApiUrl ? { groups: options.groupsApiUrl } : {}),
    ...(options.notificationsApiUrl ? { notifications: options.notificationsApiUrl } : {}),
  };
  const relay = tutoringTestRelay(deps, options.users, peers, logger, options.relay);
  relay.start();
  const server: Server = await startServer(app, 0, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${portOf(server)}/api/tutoring`,
    deps,
    pool,
    relay,
    async close() {
      await relay.stop();
      await stopServer(server, 1000);
      await pool.end();
    },
  };
}
