// Server lifecycle: listen with ALB-friendly timeouts, health and readiness, and a graceful stop on SIGTERM.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { AppError, sendError } from './errors';

/** Readiness state shared by the readiness probe, the request gate and the shutdown sequence. */
export class Lifecycle {
  private state: 'starting' | 'serving' | 'draining';
  /** A booting service starts `starting`: it listens (health answers) while its store is prepared. */
  constructor(options: { starting?: boolean } = {}) {
    this.state = options.starting ? 'starting' : 'serving';
  }
  get starting(): boolean {
    return this.state === 'starting';
  }
  get shuttingDown(): boolean {
    return this.state === 'draining';
  }
  markServing(): void {
    if (this.state === 'starting') this.state = 'serving';
  }
  beginShutdown(): void {
    this.state = 'draining';
  }
}

export type ReadinessCheck = () => Promise<void>;

/** `GET <prefix>/healthz`: the process answers. `GET <prefix>/readyz`: dependencies answer and we are not draining. */
export function healthRouter(prefix: string, lifecycle: Lifecycle, checks: Record<string, ReadinessCheck>): express.Router {
  const router = express.Router();
  router.get(`${prefix}/healthz`, (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get(`${prefix}/readyz`, async (req, res) => {
    if (lifecycle.shuttingDown) {
      sendError(res, String(req.id), new AppError('shutting-down', 503, 'The service is shutting down'));
      return;
    }
    if (lifecycle.starting) {
      sendError(res, String(req.id), startingError());
      return;
    }
    const failed: string[] = [];
    await Promise.all(
      Object.entries(checks).map(([name, check]) =>
        withTimeout(check(), 2_000).catch(() => {
          failed.push(name);
        }),
      ),
    );
    if (failed.length > 0) {
      sendError(res, String(req.id), new AppError('not-ready', 503, 'A dependency is unreachable', { failed }));
      return;
    }
    res.json({ status: 'ready' });
  });
  return router;
}

const startingError = () =>
  new AppError('starting', 503, 'The service is starting: its data store is not ready yet', undefined, { 'Retry-After': '2' });

/** Until the store is prepared, API requests get a 503 with Retry-After instead of reaching an unprepared store. */
export function startingGate(lifecycle: Lifecycle): express.RequestHandler {
  return (req, res, next) => {
    if (!lifecycle.starting) {
      next();
      return;
    }
    sendError(res, String(req.id), startingError());
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  const timeout = sleep(ms, undefined, { ref: false }).then(() => {
    throw new Error(`timed out after ${ms} ms`);
  });
  return Promise.race([promise, timeout]);
}

/** Listens and resolves once bound. Keep-alive outlives the ALB's 60 s idle timeout so the ALB closes first. */
export async function startServer(app: Express, port: number, host = '0.0.0.0'): Promise<Server> {
  const server = app.listen(port, host);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return server;
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/** Stops accepting, lets in-flight requests finish, closes idle keep-alive sockets; forces the rest after `timeoutMs`. */
export async function stopServer(server: Server, timeoutMs = 20_000): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A socket that finishes its last request while we wait becomes idle: keep closing those.
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
  server.closeIdleConnections();
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(force);
  }
}

export interface ShutdownOptions {
  server: Server;
  lifecycle: Lifecycle;
  logger: Logger;
  /** How long readiness reports 503 while still serving, so the load balancer stops routing here first. */
  drainDelayMs: number;
  timeoutMs: number;
  /** Closes pools and clients once no request is in flight. */
  close: () => Promise<void>;
}

/** On SIGTERM or SIGINT: readiness 503 at once, drain, stop the server, close resources, exit 0. */
export function handleShutdownSignals(options: ShutdownOptions): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const { server, lifecycle, logger } = options;
    logger.info({ signal }, 'shutting down');
    lifecycle.beginShutdown();
    const hardDeadline = setTimeout(
      () => {
        logger.error('shutdown timed out; exiting');
        process.exit(1);
      },
      options.drainDelayMs + options.timeoutMs + 2_000,
    );
    hardDeadline.unref();
    await sleep(options.drainDelayMs);
    await stopServer(server, options.timeoutMs);
    await options.close();
    logger.info('stopped');
    logger.flush();
    process.exit(0);
  };
  process.once('SIGTERM', (s) => void stop(s));
  process.once('SIGINT', (s) => void stop(s));
}

/** A process-level failure leaves state unknown: log it and let the orchestrator replace the task. */
export function exitOnFatalErrors(logger: Logger): void {
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception');
    logger.flush();
    process.exit(1);
  });
  process.on('unhandledRejection', (err) => {
    logger.fatal({ err }, 'unhandled rejection');
    logger.flush();
    process.exit(1);
  });
}
