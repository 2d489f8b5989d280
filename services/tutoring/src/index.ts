// Boot: configuration, database, migrations, then serve until SIGTERM; stale booking requests expire meanwhile.
import path from 'node:path';
import {
  ConfigError,
  Lifecycle,
  createLogger,
  createPool,
  exitOnFatalErrors,
  handleShutdownSignals,
  jwksKeyResolver,
  pingDatabase,
  resolvePoolConfig,
  runMigrations,
  startServer,
} from '@tutoring-platform/shared';
import { createApp } from './app';
import { httpUsersDirectory } from './clients/users-directory';
import { loadTutoringConfig, type TutoringConfig } from './config';
import { createDependencies } from './dependencies';

export const migrationsDir = path.join(__dirname, '..', 'migrations');

async function main(config: TutoringConfig): Promise<void> {
  const logger = createLogger('tutoring', config.LOG_LEVEL);
  exitOnFatalErrors(logger);
  const pool = createPool(await resolvePoolConfig(config), logger);
  if (config.MIGRATE_ON_START) await runMigrations(pool, migrationsDir, config.DATABASE_SCHEMA, logger);
  const deps = createDependencies(pool, {
    resolveKey: jwksKeyResolver(config.JWKS_URL),
    tokens: { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
    users: httpUsersDirectory(config.USERS_API_URL),
    pendingExpiryHours: config.PENDING_EXPIRY_HOURS,
  });
  const lifecycle = new Lifecycle();
  const app = createApp(deps, {
    logger,
    lifecycle,
    readiness: { database: pingDatabase(pool) },
    bodyLimit: config.BODY_LIMIT,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
  });
  const server = await startServer(app, config.PORT, config.HOST);
  logger.info({ port: config.PORT }, 'tutoring service listening');

  // Reads already treat overdue requests as expired; the sweep makes the stored status say so too.
  const sweep = setInterval(() => {
    deps.bookings.expireStale().then(
      (expired) => expired > 0 && logger.info({ expired }, 'expired unanswered booking requests'),
      (err: unknown) => logger.warn({ err }, 'expiry sweep failed'),
    );
  }, config.EXPIRY_SWEEP_SECONDS * 1000);
  sweep.unref();

  handleShutdownSignals({
    server,
    lifecycle,
    logger,
    drainDelayMs: config.SHUTDOWN_DRAIN_DELAY_MS,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    close: async () => {
      clearInterval(sweep);
      await pool.end();
    },
  });
}

if (require.main === module) {
  let config: TutoringConfig;
  try {
    config = loadTutoringConfig();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
  main(config).catch((err: unknown) => {
    console.error('tutoring service failed to start:', err);
    process.exit(1);
  });
}
