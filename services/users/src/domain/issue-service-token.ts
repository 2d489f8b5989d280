// Client credentials for the platform's own services: a service that delivers events to a peer exchanges its client
// secret for a short-lived service token, which reaches only routes declared `access: 'service'`.
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError, type ServiceTokens } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';

export const SERVICE_TOKEN_TTL_SECONDS = 300;

const digest = (value: string) => createHash('sha256').update(value).digest();

export function issueServiceToken(deps: UsersDependencies, clientId: string, clientSecret: string) {
  const expected = deps.serviceClients.get(clientId);
  // compare digests: equal lengths, and no timing difference for how much of the secret matched
  if (!expected || !timingSafeEqual(digest(expected), digest(clientSecret))) {
    throw new AppError('invalid-client', 401, 'Unknown service client or wrong secret');
  }
  return {
    accessToken: deps.tokens.signService(clientId, SERVICE_TOKEN_TTL_SECONDS),
    tokenType: 'Bearer' as const,
    expiresIn: SERVICE_TOKEN_TTL_SECONDS,
  };
}

/** The users service signs its own service tokens: it holds the key. */
export const ownServiceTokens = (deps: UsersDependencies): ServiceTokens => ({
  get: async () => deps.tokens.signService('users', SERVICE_TOKEN_TTL_SECONDS),
  refresh: () => undefined,
});
