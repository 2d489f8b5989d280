// Builds the users service's Express app without listening, so tests drive it through supertest.
import type { Express } from 'express';
import { Api, authenticate, createServiceApp, routeFor, type Lifecycle, type Logger, type ReadinessCheck } from '@tutoring-platform/shared';
import type { UsersDependencies } from './dependencies';
import { adminRoutes } from './http/admin-router';
import { authRoutes } from './http/auth-router';
import { meRoutes } from './http/me-router';
import { profileRoutes } from './http/profiles-router';

export interface AppOptions {
  logger: Logger;
  lifecycle: Lifecycle;
  readiness: Record<string, ReadinessCheck>;
  bodyLimit: string;
  rateLimitPerMinute: number;
}

export function createApp(deps: UsersDependencies, options: AppOptions): Express {
  const api = new Api(
    {
      title: 'Users service',
      version: '1.0.0',
      description: 'Accounts, sessions, public profiles and the keys that verify access tokens.',
    },
    routeFor('users').pathPrefix,
  );
  authRoutes(api, deps);
  meRoutes(api, deps);
  profileRoutes(api, deps);
  adminRoutes(api, deps);
  const { issuer, audience } = deps.tokens.policy;
  return createServiceApp({
    api,
    ...options,
    before: [authenticate(deps.tokens.resolveKey, { issuer, audience })],
  });
}
