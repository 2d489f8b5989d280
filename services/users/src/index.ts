// Boot: the shared service runner, plus the first admin from configuration.
import path from 'node:path';
import { openPostgres } from '@tutoring-platform/postgres';
import { runService } from '@tutoring-platform/shared';
import { createApp } from './app';
import { loadUsersConfig } from './config';
import { createDependencies } from './dependencies';
import { ensureAdmin } from './domain/ensure-admin';

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
    start: async ({ config, store: pool, settings }) => ({ app: createApp(createDependencies(config, pool), settings) }),
  });
}
