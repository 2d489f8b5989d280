// The boot sequence every service shares: config, logger, its data store, app, listen, and a graceful stop on
// SIGTERM. A bad configuration exits 1 listing every problem. A store that is not up yet does not crash the
// service: it listens at once (liveness answers), readiness stays 503 and preparation is retried with backoff.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Express } from 'express';
import { ConfigError } from './config';
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

/** A data store opened at boot: what the service builds on, how readiness checks it, how to close it. */
export interface OpenedStore<S> {
  store: S;
  /** Work that needs the store to answer (migrations), retried until it succeeds; requests wait with 503 until then. */
  prepare?: () => Promise<void>;
  readiness: Record<string, ReadinessCheck>;
  close: () => Promise<void>;
}

export interface ServiceDefinition<C extends ServiceConfig, S> {
  name: string;
  loadConfig: () => C;
  /** Creates the store's clients; must not need the store to answer yet. */
  open: (config: C, logger: Logger) => Promise<OpenedStore<S>>;
  /** The service's own start-up work on the prepared store (e.g. the first admin), retried like the store's. */
  prepare?: (context: { config: C; logger: Logger; store: S }) => Promise<void>;
  /**
   * Builds the app on the opened store; `ready` starts background work once the store is prepared (an outbox relay,
   * a sweep), `close` stops it and releases anything besides the store.
   */
  start: (context: {
    config: C;
    logger: Logger;
    store: S;
    settings: AppSettings;
  }) => Promise<{ app: Express; ready?: () => void; close?: () => Promise<void> }>;
}

const MAX_RETRY_DELAY_MS = 15_000;

/** Runs `step` until it succeeds, backing off up to 15 s, logging each failure; stops trying once shutdown begins. */
async function retryUntilDone(step: () => Promise<void>, lifecycle: Lifecycle, logger: Logger): Promise<void> {
  for (let attempt = 1; !lifecycle.shuttingDown; attempt++) {
    try {
      await step();
      return;
    } catch (err) {
      const retryInMs = Math.min(MAX_RETRY_DELAY_MS, 250 * 2 ** attempt);
      logger.warn({ err, attempt, retryInMs }, 'data store not ready; retrying');
      await sleep(retryInMs);
    }
  }
}

async function boot<C extends ServiceConfig, S>(definition: ServiceDefinition<C, S>, config: C): Promise<void> {
  const logger = createLogger(definition.name, config.LOG_LEVEL);
  exitOnFatalErrors(logger);
  const opened = await definition.open(config, logger);
  const lifecycle = new Lifecycle({ starting: true });
  const settings: AppSettings = {
    logger,
    lifecycle,
    readiness: opened.readiness,
    bodyLimit: config.BODY_LIMIT,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
  };
  const { app, ready, close } = await definition.start({ config, logger, store: opened.store, settings });
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
  await retryUntilDone(
    async () => {
      await opened.prepare?.();
      await definition.prepare?.({ config, logger, store: opened.store });
    },
    lifecycle,
    logger,
  );
  if (lifecycle.shuttingDown) return;
  ready?.();
  lifecycle.markServing();
  logger.info(`${definition.name} service ready`);
  // the log is buffered for throughput; a start-up milestone should be visible at once
  logger.flush();
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
