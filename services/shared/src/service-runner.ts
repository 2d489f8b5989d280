// The boot sequence every service shares: config, logger, its data store, app, listen, and a graceful stop on
// SIGTERM. A bad configuration exits 1 listing every problem.
import type { Express } from 'express';
import type pg from 'pg';
import { ConfigError } from './config';
import { createPool, pingDatabase, resolvePoolConfig, runMigrations, type DatabaseSettings } from './database';
import { Lifecycle, exitOnFatalErrors, handleShutdownSignals, startServer, type ReadinessCheck } from './http-server';
import { createLogger, type Logger } from './logger';
import type { AppSettings } from './service-app';

export interface ServiceConfig {
  PORT: number;
  HOST: string;
  LOG_LEVEL: string;
  BODY_LIMIT: string;
  RATE_LIMIT_PER_MINUTE: number;
  SHUTDOWN_DRAIN_DELAY_MS: number;
  SHUTDOWN_TIMEOUT_MS: number;
}

export interface PostgresServiceConfig extends ServiceConfig, DatabaseSettings {
  MIGRATE_ON_START: boolean;
  DATABASE_SCHEMA: string;
}

/** A data store opened at boot: what the service builds on, how readiness checks it, how to close it. */
export interface OpenedStore<S> {
  store: S;
  readiness: Record<string, ReadinessCheck>;
  close: () => Promise<void>;
}

export interface ServiceDefinition<C extends ServiceConfig, S> {
  name: string;
  loadConfig: () => C;
  open: (config: C, logger: Logger) => Promise<OpenedStore<S>>;
  /** Builds the app on the opened store; `close` releases anything besides the store. */
  start: (context: {
    config: C;
    logger: Logger;
    store: S;
    settings: AppSettings;
  }) => Promise<{ app: Express; close?: () => Promise<void> }>;
}

/** PostgreSQL as a store: a pool from the configured credentials, the service's migrations applied. */
export function openPostgres(migrationsDir: string) {
  return async (config: PostgresServiceConfig, logger: Logger): Promise<OpenedStore<pg.Pool>> => {
    const pool = createPool(await resolvePoolConfig(config), logger);
    if (config.MIGRATE_ON_START) await runMigrations(pool, migrationsDir, config.DATABASE_SCHEMA, logger);
    return { store: pool, readiness: { database: pingDatabase(pool) }, close: () => pool.end() };
  };
}

async function boot<C extends ServiceConfig, S>(definition: ServiceDefinition<C, S>, config: C): Promise<void> {
  const logger = createLogger(definition.name, config.LOG_LEVEL);
  exitOnFatalErrors(logger);
  const opened = await definition.open(config, logger);
  const lifecycle = new Lifecycle();
  const settings: AppSettings = {
    logger,
    lifecycle,
    readiness: opened.readiness,
    bodyLimit: config.BODY_LIMIT,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
  };
  const { app, close } = await definition.start({ config, logger, store: opened.store, settings });
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
      await opened.close();
    },
  });
}

export function runService<C extends ServiceConfig, S>(definition: ServiceDefinition<C, S>): void {
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
