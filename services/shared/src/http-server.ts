// Server lifecycle: listen with ALB-friendly timeouts, health and readiness, and a graceful stop on SIGTERM.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
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

/**
 * Per connection: requests in flight, when it last did anything and how many stop sweeps have found it quiet since,
 * so a stop closes only what is truly quiet.
 */
interface ConnectionState {
  inFlight: number;
  lastActivity: number;
  quietSweeps: number;
}
interface ServerState {
  connections: Map<Socket, ConnectionState>;
  stopping: boolean;
  accepted: number;
}
const tracked = new WeakMap<Server, ServerState>();

/** Listens and resolves once bound. Keep-alive outlives the ALB's 60 s idle timeout so the ALB closes first. */
export async function startServer(app: Express, port: number, host = '0.0.0.0'): Promise<Server> {
  const server = app.listen(port, host);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const state: ServerState = { connections: new Map(), stopping: false, accepted: 0 };
  tracked.set(server, state);
  server.on('connection', (socket: Socket) => {
    state.accepted += 1;
    state.connections.set(socket, { inFlight: 0, lastActivity: Date.now(), quietSweeps: 0 });
    socket.once('close', () => state.connections.delete(socket));
  });
  // First of the request listeners, so a stopping server can still ask for `Connection: close` before any answer.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const connection = state.connections.get(req.socket);
    if (!connection) return;
    connection.inFlight += 1;
    markActive(connection);
    if (state.stopping) res.setHeader('connection', 'close');
    res.once('close', () => {
      connection.inFlight -= 1;
      markActive(connection);
    });
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => answerClientError(err, socket));
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return server;
}

function markActive(connection: ConnectionState): void {
  connection.lastActivity = Date.now();
  connection.quietSweeps = 0;
}

/**
 * Requests Node rejects before any route sees them (headers too large, malformed) get the same JSON error body as
 * everything else, with a fresh request id, instead of a bare status line.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers-too-large', 'The request headers are too large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request-timeout', 'The request took too long to arrive']
        : [400, 'bad-request', 'The request is not valid HTTP'];
  const body = JSON.stringify({ error: { code, message, requestId: randomUUID() } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/**
 * Stops accepting and lets every request that reached the process finish. Answers from now on carry
 * `Connection: close`. A connection is closed only once it has nothing in flight and has been quiet for `quietMs`:
 * a freshly accepted socket, or one whose request is still in the kernel's buffer, looks idle to Node for a moment,
 * and closing it then would reset a request the client has already sent. Whatever is left at `timeoutMs` is closed.
 *
 * Quiet is counted in sweeps of the event loop as well as in wall-clock time. A process starved of CPU (a busy
 * host, a long garbage collection) can resume with a request waiting unread on a socket it accepted long ago, and
 * a timer may run before the read does; a socket is idle only once the loop has turned, and so had the chance to
 * read, between two sweeps that both found it quiet.
 */
export async function stopServer(server: Server, timeoutMs = 20_000, quietMs = 1_000): Promise<void> {
  if (!server.listening) return;
  const state = tracked.get(server);
  if (state) {
    state.stopping = true;
    await acceptQueued(state, Math.min(timeoutMs, 2_000));
  }
  // http.Server#close would also destroy every connection Node thinks idle, which is the race described above;
  // net.Server#close only stops accepting, and calls back once the last connection is gone.
  const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
  const sweepMs = Math.min(100, quietMs);
  const closeQuiet = () => {
    const now = Date.now();
    for (const [socket, connection] of state?.connections ?? []) {
      if (connection.inFlight > 0) continue;
      connection.quietSweeps += 1;
      if (now - connection.lastActivity >= quietMs && connection.quietSweeps >= 2) socket.destroy();
    }
  };
  const sweep = setInterval(closeQuiet, sweepMs);
  const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
  closeQuiet();
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(force);
  }
}

/**
 * Closing a listening socket resets the connections the kernel has accepted but Node has not picked up yet, though
 * their clients have already sent requests. So keep accepting until no connection has arrived for two turns of the
 * loop at least 50 ms apart (the queue is empty), at most `limitMs` of such turns.
 */
async function acceptQueued(state: ServerState, limitMs: number): Promise<void> {
  const turnMs = 50;
  let quietTurns = 0;
  for (let turn = 0; quietTurns < 2 && turn < limitMs / turnMs; turn++) {
    const before = state.accepted;
    await sleep(turnMs);
    quietTurns = state.accepted === before ? quietTurns + 1 : 0;
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
