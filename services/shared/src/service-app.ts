// The Express skeleton every service shares: ids and logs, security headers, limits, health, API, docs, errors.
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { rateLimit, type RateLimitInfo } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { Api } from './api';
import { AppError, errorHandler, notFoundHandler, sendError } from './errors';
import { healthRouter, startingGate, type Lifecycle, type ReadinessCheck } from './http-server';
import { requestLogger } from './logger';

export interface ServiceAppOptions {
  api: Api;
  logger: Logger;
  lifecycle: Lifecycle;
  readiness: Record<string, ReadinessCheck>;
  bodyLimit: string;
  rateLimitPerMinute: number;
  /** Middleware that runs before the API routes, after body parsing (e.g. cookies, authentication). */
  before?: RequestHandler[];
}

/** What a service's createApp needs besides its dependencies: the runner or a test provides it. */
/** The web app's page that renders a service's OpenAPI document. */
export const apiDocsPage = '/api-docs/';

export type AppSettings = Omit<ServiceAppOptions, 'api' | 'before'>;

export function createServiceApp(options: ServiceAppOptions): Express {
  const { api, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  // Responses are per-user JSON that clients do not revalidate; hashing every body for an ETag is wasted CPU.
  app.set('etag', false);
  // Exactly one proxy hop (the ALB, or the local gateway, which replaces X-Forwarded-For): the client address is
  // the one that hop saw, whatever else a client wrote into the header.
  app.set('trust proxy', 1);
  app.set('query parser', 'simple');
  app.use(requestLogger(logger));
  app.use(helmet());
  app.use(healthRouter(api.prefix, options.lifecycle, options.readiness));
  app.use(startingGate(options.lifecycle));
  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: options.rateLimitPerMinute,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      handler: (req, res) => {
        const info = (req as typeof req & { rateLimit?: RateLimitInfo }).rateLimit;
        const resetTime = info?.resetTime?.getTime() ?? Date.now() + 60_000;
        const retryAfter = String(Math.max(1, Math.ceil((resetTime - Date.now()) / 1000)));
        sendError(
          res,
          String(req.id),
          new AppError('rate-limited', 429, 'Too many requests; slow down', undefined, { 'Retry-After': retryAfter }),
        );
      },
    }),
  );
  app.use(express.json({ limit: options.bodyLimit, strict: true }));
  for (const middleware of options.before ?? []) app.use(middleware);
  const document = api.openApiDocument();
  app.get(`${api.prefix}/openapi.json`, (_req, res) => {
    res.json(document);
  });
  // The docs page (Swagger UI) is part of the web app, so no service image ships it.
  app.get([`${api.prefix}/docs`, `${api.prefix}/docs/`], (_req, res) => {
    res.redirect(302, `${apiDocsPage}?spec=${encodeURIComponent(`${api.prefix}/openapi.json`)}`);
  });
  app.use(api.prefix, api.router);
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
