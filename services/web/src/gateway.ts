// The local stand-in for the ALB: routes the catalog's path prefixes to their services, everything else to the web
// app (served in-process by `npm start`, proxied to the web container under docker compose).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import express, { type Express, type RequestHandler } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { requestIdOf } from '@tutoring-platform/shared';
import type { ApiService } from '@tutoring-platform/shared/catalog';

export interface GatewayTarget {
  service: ApiService;
  /** The service's origin (e.g. http://127.0.0.1:3001); undefined when it is not running. */
  origin: string | undefined;
}

/** Larger than any service's own body limit: the services answer their own 413s; this stops unbounded uploads. */
export const gatewayBodyLimitBytes = 1024 * 1024;

function sendJsonError(res: ServerResponse, req: IncomingMessage, status: number, code: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': String(req.headers['x-request-id']) });
  res.end(JSON.stringify({ error: { code, message, requestId: String(req.headers['x-request-id']) } }));
}

/** Nothing listens: 503, as the ALB answers with no healthy target. A target that fails mid-request: 502. */
function proxyFailed(name: string) {
  return (err: NodeJS.ErrnoException, req: IncomingMessage, res: ServerResponse | Socket) => {
    if (!('writeHead' in res) || res.headersSent) {
      res.destroy();
      return;
    }
    if (err.code === 'ECONNREFUSED' || err.code === 'not-running') {
      sendJsonError(res, req, 503, 'service-unavailable', `The ${name} service is not running`);
    } else {
      sendJsonError(res, req, 502, 'bad-gateway', `The ${name} service failed to answer`);
    }
  };
}

const proxyTo = (origin: string, name: string, pathFilter?: (pathname: string) => boolean) =>
  createProxyMiddleware({
    target: origin,
    ...(pathFilter ? { pathFilter } : {}),
    proxyTimeout: 60_000,
    on: { error: proxyFailed(name) },
  });

/**
 * What the ALB does before routing: one request id for the whole way, and `X-Forwarded-For` set to the address
 * that connected here, replacing whatever the client claimed, so the services trust exactly one hop.
 */
const forwardedAsTheLoadBalancer: RequestHandler = (req, res, next) => {
  req.headers['x-request-id'] = requestIdOf(req);
  req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
  req.headers['x-forwarded-proto'] = 'http';
  req.headers['x-forwarded-host'] = req.headers.host ?? '';
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > gatewayBodyLimitBytes) {
    // the unread body must not be taken for the next request on this connection
    res.setHeader('connection', 'close');
    sendJsonError(res, req, 413, 'payload-too-large', 'The request body is too large');
    return;
  }
  next();
};

/** Proxies to the web app's own server (the web container). */
export const webAppProxy = (origin: string): RequestHandler => proxyTo(origin, 'web');

export function createGateway(targets: GatewayTarget[], webApp: RequestHandler): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(forwardedAsTheLoadBalancer);
  for (const { service, origin } of targets) {
    const claims = (pathname: string) => pathname === service.pathPrefix || pathname.startsWith(`${service.pathPrefix}/`);
    if (origin === undefined) {
      const notRunning = Object.assign(new Error('not running'), { code: 'not-running' });
      app.use((req, res, next) => (claims(req.path) ? proxyFailed(service.name)(notRunning, req, res) : next()));
      continue;
    }
    app.use(proxyTo(origin, service.name, claims));
  }
  // An API path no service claims is an API error, not the web app's HTML.
  app.all('/api/{*rest}', (req, res) => sendJsonError(res, req, 404, 'not-found', `No route for ${req.method} ${req.path}`));
  app.use(webApp);
  return app;
}
