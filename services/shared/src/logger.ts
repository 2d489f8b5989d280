// Structured JSON logs (pino) and one log line per request, tagged with the request id.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Request } from 'express';

export type { Logger };

export function createLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['password', '*.password', 'req.headers.authorization', 'req.headers.cookie'], remove: true },
  });
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
function routeOf(req: IncomingMessage): string {
  const express = req as Request;
  return express.route ? `${express.baseUrl}${String(express.route.path)}` : 'unmatched';
}

export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestIdOf(req);
      res.setHeader('x-request-id', id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    quietReqLogger: true,
    autoLogging: { ignore: (req) => /\/(healthz|readyz)$/.test(req.url ?? '') },
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    customProps: (req: IncomingMessage) => ({ route: routeOf(req) }),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
  });
}
