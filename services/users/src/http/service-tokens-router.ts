// /service-tokens: the platform's services exchange their client secret for a service token.
import { z } from 'zod';
import { secretText, type Api } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import { issueServiceToken } from '../domain/issue-service-token';

export function serviceTokenRoutes(api: Api, deps: UsersDependencies): void {
  api.route({
    method: 'post',
    path: '/service-tokens',
    operationId: 'issueServiceToken',
    description:
      'For the platform’s own services only: exchanges a client id and secret (from Secrets Manager) for a short-lived RS256 service token, used for service-to-service calls such as event delivery.',
    tag: 'service-tokens',
    summary: 'A short-lived token for a platform service acting on its own behalf, for its client secret',
    access: 'public',
    body: z.strictObject({ clientId: z.string().min(1).max(40), clientSecret: secretText(200) }),
    response: z.object({ accessToken: z.string(), tokenType: z.literal('Bearer'), expiresIn: z.number().int() }),
    errors: { 401: ['invalid-client'] },
    handle: async ({ body }) => issueServiceToken(deps, body.clientId, body.clientSecret),
  });
}
