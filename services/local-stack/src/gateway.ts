// The local stand-in for the ALB: routes by the route table's path prefixes, everything else to the web app.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { ServiceRoute } from '@tutoring-platform/shared';

export interface GatewayTarget {
  route: ServiceRoute;
  /** Where the service listens locally; undefined when it is not running. */
  port: number | undefined;
}

function sendJsonError(res: ServerResponse, req: IncomingMessage, status: number, code: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { code, message, requestId: String(req.headers['x-request-id'] ?? '') } }));
}

function unavailable(route: ServiceRoute) {
  return (_err: Error, req: IncomingMessage, res: ServerResponse | Socket) => {
    if (!('writeHead' in res) || res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        error: {
          code: 'service-unavailable',
          message: `The ${route.service} service is not running`,
          requestId: String(req.headers['x-request-id'] ?? ''),
        },
      }),
    );
  };
}

export function createGateway(targets: GatewayTarget[], webRoot: string): Express {
  const app = express();
  app.disable('x-powered-by');
  for (const { route, port } of targets) {
    const claims = (pathname: string) => pathname === route.pathPrefix || pathname.startsWith(`${route.pathPrefix}/`);
    if (port === undefined) {
      app.use((req, res, next) => (claims(req.path) ? unavailable(route)(new Error('not running'), req, res) : next()));
      continue;
    }
    app.use(
      createProxyMiddleware({
        target: `http://127.0.0.1:${port}`,
        pathFilter: claims,
        xfwd: true,
        proxyTimeout: 60_000,
        on: { error: unavailable(route) },
      }),
    );
  }
  // An API path no service claims is an API error, not the web app's HTML.
  app.all('/api/{*rest}', (req, res) => sendJsonError(res, req, 404, 'not-found', `No route for ${req.method} ${req.path}`));
  // The web app: compressed; its content-hashed assets are cached for good, its shell is always revalidated.
  app.use(compression());
  app.use(
    express.static(webRoot, {
      index: 'index.html',
      setHeaders: (res, file) =>
        res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    }),
  );
  // Client-side routes of the single-page app fall back to its shell.
  app.get('/{*path}', (_req, res) => res.setHeader('cache-control', 'no-cache').sendFile(path.join(webRoot, 'index.html')));
  return app;
}
