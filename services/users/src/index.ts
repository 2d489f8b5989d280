// Boot: the shared service runner, the first admin from configuration, and the relay of the outbox's events.
import path from 'node:path';
import { openPostgres } from '@tutoring-platform/postgres';
import { httpEventDelivery, runService, OutboxRelay, deliveryToConsumer } from '@tutoring-platform/shared';
import { createApp } from './app';
import { loadUsersConfig } from './config';
import { createDependencies } from './dependencies';
import { ensureAdmin } from './domain/ensure-admin';
import { ownServiceTokens } from './domain/issue-service-token';

export const migrationsDir = path.join(__dirname, '..', 'migrations');

if (require.main === module) {
  runService({
    name: 'users',
    loadConfig: () => loadUsersConfig(),
    open: openPostgres(migrationsDir),
    prepare: async ({ config, store: pool, logger }) => {
      if (!config.ADMIN_EMAIL || !config.ADMIN_PASSWORD) return;
      const outcome = await ensureAdmin(createDependencies(config, pool), { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
      logger.info({ admin: config.ADMIN_EMAIL, outcome }, 'first administrator checked');
    },
    start: async ({ config, store: pool, logger, settings }) => {
      const deps = createDependencies(config, pool);
      const relay = new OutboxRelay(
        deps.outbox,
        {
          tutoring: httpEventDelivery(config.TUTORING_API_URL, 'users', ownServiceTokens(deps), config.PEER_TIMEOUT_MS),
          notifications: deliveryToConsumer(config, 'users', { apiUrl: config.NOTIFICATIONS_API_URL, tokens: ownServiceTokens(deps) }),
        },
        logger,
        { pollMs: config.OUTBOX_POLL_MS, retryMaxMs: config.OUTBOX_RETRY_MAX_MS },
      );
      return { app: createApp(deps, settings), ready: () => relay.start(), close: () => relay.stop() };
    },
  });
}
