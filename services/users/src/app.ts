// Builds the users service's Express app without listening, so tests drive it through supertest.
import type { Express } from 'express';
import { Api, authenticate, createServiceApp, type AppSettings } from '@tutoring-platform/shared';
import { services } from '@tutoring-platform/shared/catalog';
import type { UsersDependencies } from './dependencies';
import { adminRoutes } from './http/admin-router';
import { authRoutes } from './http/auth-router';
import { meRoutes } from './http/me-router';
import { profileRoutes } from './http/profiles-router';
import { serviceTokenRoutes } from './http/service-tokens-router';

/** The service's routes; also what the web app's API types are generated from. */
export function createApi(deps: UsersDependencies): Api {
  const api = new Api(
    {
      title: 'Users service',
      version: '1.0.0',
      description: 'Accounts, sessions, public profiles and the keys that verify access tokens.',
    },
    services.users.pathPrefix,
    {
      auth: 'Sign-up, sign-in, sessions and the keys that verify access tokens',
      me: 'The signed-in person’s own account',
      profiles: 'Public profiles of active accounts',
      admin: 'Account moderation, for administrators',
      'service-tokens': 'Tokens for the platform’s own services',
    },
  );
  authRoutes(api, deps);
  meRoutes(api, deps);
  profileRoutes(api, deps);
  adminRoutes(api, deps);
  serviceTokenRoutes(api, deps);
  return api;
}

export function createApp(deps: UsersDependencies, settings: AppSettings): Express {
  const api = createApi(deps);
  const { issuer, audience } = deps.tokens.policy;
  return createServiceApp({
    api,
    ...settings,
    before: [authenticate(deps.tokens.resolveKey, { issuer, audience, revocations: deps.revocations })],
  });
}
