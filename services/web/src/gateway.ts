// The local stand-in for the ALB: routes the catalog's path prefixes to their services, everything else to the web
// app (served in-process by `npm start`, proxied to the web container under docker compose).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import express, { type Express, type RequestHandler } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { ApiService } from '@tutoring-platform/shared/catalog';

export interface GatewayTarget {
  service: ApiService;
  /** The service's origin (e.g. http://127.0.0.1:3001); undefined when it is not running. */
  origin: string | undefined;
}

function sendJsonError(res: ServerResponse, req: IncomingMessage, status: number, code: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { code, message, requestId: String(req.headers['x-request-id'] ?? '') } }));
}

function unavailable(name: string) {
  return (_err: Error, req: IncomingMessage, res: ServerResponse | Socket) => {
    if (!('writeHead' in res) || res.headersSent) {
      res.destroy();
      return;
    }
    sendJsonError(res, req, 503, 'service-unavailable', `The ${name} service is not running`);
  };
}

const proxyTo = (origin: string, name: string, pathFilter?: (pathname: string) => boolean) =>
  createProxyMiddleware({
    target: origin,
    ...(pathFilter ? { pathFilter } : {}),
    xfwd: true,
    proxyTimeout: 60_000,
    on: { error: unavailable(name) },
  });

/** Proxies to the web app's own server (the web container). */
export const webAppProxy = (origin: string): RequestHandler => proxyTo(origin, 'web');

export function createGateway(targets: GatewayTarget[], webApp: RequestHandler): Express {
  const app = express();
  app.disable('x-powered-by');
  for (const { service, origin } of targets) {
    const claims = (pathname: string) => pathname === service.pathPrefix || pathname.startsWith(`${service.pathPrefix}/`);
    if (origin === undefined) {
      app.use((req, res, next) => (claims(req.path) ? unavailable(service.name)(new Error('not running'), req, res) : next()));
      continue;
    }
    app.use(proxyTo(origin, service.name, claims));
  }
  // An API path no service claims is an API error, not the web app's HTML.
  app.all('/api/{*rest}', (req, res) => sendJsonError(res, req, 404, 'not-found', `No route for ${req.method} ${req.path}`));
  app.use(webApp);
  return app;
}
