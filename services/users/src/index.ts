// Boot: configuration, database, migrations, the first admin, then serve until SIGTERM.
import path from 'node:path';
import {
  ConfigError,
  Lifecycle,
  createLogger,
  createPool,
  exitOnFatalErrors,
  handleShutdownSignals,
  pingDatabase,
  resolvePoolConfig,
  runMigrations,
  startServer,
} from '@tutoring-platform/shared';
import { createApp } from './app';
import { loadUsersConfig, type UsersConfig } from './config';
import { createDependencies } from './dependencies';
import { ensureAdmin } from './domain/ensure-admin';

export const migrationsDir = path.join(__dirname, '..', 'migrations');

async function main(config: UsersConfig): Promise<void> {
  const logger = createLogger('users', config.LOG_LEVEL);
  exitOnFatalErrors(logger);
  const pool = createPool(await resolvePoolConfig(config), logger);
  if (config.MIGRATE_ON_START) await runMigrations(pool, migrationsDir, config.DATABASE_SCHEMA, logger);
  const deps = createDependencies(config, pool);
  if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD) {
    const outcome = await ensureAdmin(deps, { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
    logger.info({ admin: config.ADMIN_EMAIL, outcome }, 'first administrator checked');
  }
  const lifecycle = new Lifecycle();
  const app = createApp(deps, {
    logger,
    lifecycle,
    readiness: { database: pingDatabase(pool) },
    bodyLimit: config.BODY_LIMIT,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
  });
  const server = await startServer(app, config.PORT, config.HOST);
  logger.info({ port: config.PORT }, 'users service listening');
  handleShutdownSignals({
    server,
    lifecycle,
    logger,
    drainDelayMs: config.SHUTDOWN_DRAIN_DELAY_MS,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    close: () => pool.end(),
  });
}

if (require.main === module) {
  let config: UsersConfig;
  try {
    config = loadUsersConfig();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
  main(config).catch((err: unknown) => {
    console.error('users service failed to start:', err);
    process.exit(1);
  });
}
