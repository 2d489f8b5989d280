// Structured JSON logs (pino) and one log line per request, tagged with the request id.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import pino, { type Logger } from 'pino';
import type { Request, RequestHandler } from 'express';

export type { Logger };

export function createLogger(service: string, level: string): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['password', '*.password', 'req.headers.authorization', 'req.headers.cookie'], remove: true },
    },
    // Buffered, asynchronous stdout: a synchronous write per request line cost ~12% of CPU under load.
    // The shutdown path and fatal-error handlers call logger.flush() before exiting.
    pino.destination({ dest: 1, sync: false, minLength: 4096 }),
  );
}

const safeRequestId = /^[\w.:=+/-]{1,128}$/;

/** Honours a caller's x-request-id, else the ALB's trace id, else makes one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  if (typeof given === 'string' && safeRequestId.test(given)) return given;
  const trace = req.headers['x-amzn-trace-id'];
  const root = typeof trace === 'string' ? /Root=([\w-]{1,64})/.exec(trace)?.[1] : undefined;
  return root ?? randomUUID();
}

/** The route pattern (not the raw URL, which may hold ids) so log lines group by endpoint. */
function routeOf(req: Request): string {
  return req.route ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
}

declare module 'node:http' {
  interface IncomingMessage {
    /** The request id: from x-request-id, else the ALB trace id, else generated. */
    id: string;
  }
}

/**
 * Gives each request its id (echoed as x-request-id) and logs exactly one line when the response finishes.
 * pino-http did the same with a child logger and several listeners per request, which cost about a third
 * of GET /me throughput in bench/users-bench.ts; this does one pino call per request.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    req.id = requestIdOf(req);
    res.setHeader('x-request-id', req.id);
    res.once('finish', () => {
      if (req.path.endsWith('/healthz') || req.path.endsWith('/readyz')) return;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const line = {
        requestId: req.id,
        method: req.method,
        route: routeOf(req),
        status: res.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
      };
      if (res.statusCode >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request completed');
    });
    next();
  };
}
