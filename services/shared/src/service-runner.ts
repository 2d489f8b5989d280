// The boot sequence every PostgreSQL-backed service shares: config, logger, pool, migrations, app, listen, and a
// graceful stop on SIGTERM. A bad configuration exits 1 listing every problem.
import type { Express } from 'express';
import type pg from 'pg';
import { ConfigError } from './config';
import { createPool, pingDatabase, resolvePoolConfig, runMigrations, type DatabaseSettings } from './database';
import { Lifecycle, exitOnFatalErrors, handleShutdownSignals, startServer } from './http-server';
import { createLogger, type Logger } from './logger';
import type { AppSettings } from './service-app';

export interface ServiceConfig extends DatabaseSettings {
  PORT: number;
  HOST: string;
  LOG_LEVEL: string;
  BODY_LIMIT: string;
  RATE_LIMIT_PER_MINUTE: number;
  MIGRATE_ON_START: boolean;
  DATABASE_SCHEMA: string;
  SHUTDOWN_DRAIN_DELAY_MS: number;
  SHUTDOWN_TIMEOUT_MS: number;
}

export interface ServiceContext<C> {
  config: C;
  pool: pg.Pool;
  logger: Logger;
  /** Ready for the service's createApp: logger, readiness (database), limits, lifecycle. */
  settings: AppSettings;
}

export interface ServiceDefinition<C extends ServiceConfig> {
  name: string;
  loadConfig: () => C;
  migrationsDir: string;
  /** Builds the app once the database is migrated; `close` releases anything besides the pool. */
  start: (context: ServiceContext<C>) => Promise<{ app: Express; close?: () => Promise<void> }>;
}

async function boot<C extends ServiceConfig>(definition: ServiceDefinition<C>, config: C): Promise<void> {
  const logger = createLogger(definition.name, config.LOG_LEVEL);
  exitOnFatalErrors(logger);
  const pool = createPool(await resolvePoolConfig(config), logger);
  if (config.MIGRATE_ON_START) await runMigrations(pool, definition.migrationsDir, config.DATABASE_SCHEMA, logger);
  const lifecycle = new Lifecycle();
  const settings: AppSettings = {
    logger,
    lifecycle,
    readiness: { database: pingDatabase(pool) },
    bodyLimit: config.BODY_LIMIT,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
  };
  const { app, close } = await definition.start({ config, pool, logger, settings });
  const server = await startServer(app, config.PORT, config.HOST);
  logger.info({ port: config.PORT }, `${definition.name} service listening`);
  handleShutdownSignals({
    server,
    lifecycle,
    logger,
    drainDelayMs: config.SHUTDOWN_DRAIN_DELAY_MS,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    close: async () => {
      await close?.();
      await pool.end();
    },
  });
}

export function runService<C extends ServiceConfig>(definition: ServiceDefinition<C>): void {
  let config: C;
  try {
    config = definition.loadConfig();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
  boot(definition, config).catch((err: unknown) => {
    console.error(`${definition.name} service failed to start:`, err);
    process.exit(1);
  });
}
