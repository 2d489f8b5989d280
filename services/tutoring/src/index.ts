// Boot: the shared service runner, the sweep that marks unanswered booking requests expired, and the relay of the
// outbox's events.
import path from 'node:path';
import { openPostgres } from '@tutoring-platform/postgres';
import {
  clientCredentials,
  httpEventDelivery,
  runService,
  verifyingWith,
  OutboxRelay,
  deliveryToConsumer,
} from '@tutoring-platform/shared';
import { createApp } from './app';
import { httpUsersDirectory } from './clients/users-directory';
import { loadTutoringConfig } from './config';
import { httpGroupSessions } from './clients/group-sessions';
import { S3PhotoStore, s3Client } from './data/photo-store';
import { createDependencies } from './dependencies';

export const migrationsDir = path.join(__dirname, '..', 'migrations');

if (require.main === module) {
  runService({
    name: 'tutoring',
    loadConfig: () => loadTutoringConfig(),
    open: openPostgres(migrationsDir),
    start: async ({ config, store: pool, logger, settings }) => {
      const deps = createDependencies(pool, {
        ...verifyingWith(config),
        users: httpUsersDirectory(config.USERS_API_URL, { timeoutMs: config.PEER_TIMEOUT_MS }),
        groupSessions: httpGroupSessions(config.GROUPS_API_URL, config.PEER_TIMEOUT_MS),
        photos: new S3PhotoStore(
          s3Client({ region: config.AWS_REGION, endpoint: config.S3_ENDPOINT, timeoutMs: config.S3_TIMEOUT_MS }),
          config.PHOTOS_BUCKET,
        ),
        pendingExpiryHours: config.PENDING_EXPIRY_HOURS,
      });
      const tokens = clientCredentials(config.USERS_API_URL, 'tutoring', config.TUTORING_CLIENT_SECRET, config.PEER_TIMEOUT_MS);
      const groups = httpEventDelivery(config.GROUPS_API_URL, 'tutoring', tokens, config.PEER_TIMEOUT_MS);
      const notifications = deliveryToConsumer(config, 'tutoring', { apiUrl: config.NOTIFICATIONS_API_URL, tokens });
      const relay = new OutboxRelay(deps.outbox, { groups, notifications }, logger, {
        pollMs: config.OUTBOX_POLL_MS,
        retryMaxMs: config.OUTBOX_RETRY_MAX_MS,
      });
      // Reads already treat overdue requests as expired; the sweep makes the stored status say so too.
      let sweep: NodeJS.Timeout | undefined;
      const ready = () => {
        relay.start();
        sweep = setInterval(() => {
          deps.bookings.expireStale().then(
            (expired) => expired > 0 && logger.info({ expired }, 'expired unanswered booking requests'),
            (err: unknown) => logger.warn({ err }, 'expiry sweep failed'),
          );
        }, config.EXPIRY_SWEEP_SECONDS * 1000);
        sweep.unref();
      };
      const close = async () => {
        clearInterval(sweep);
        await relay.stop();
      };
      return { app: createApp(deps, settings), ready, close };
    },
  });
}
