// /admin/users: administrators find users and suspend or reinstate them.
import { z } from 'zod';
import { cursorSchema, encodeCursor, type Api, text } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import { reinstateUser, searchUsers, suspendUser } from '../domain/moderate-users';
import { adminAccountSchema, accountView } from './user-views';

const userCursor = cursorSchema(z.object({ createdAt: z.iso.datetime(), id: z.uuid() }));

export function adminRoutes(api: Api, deps: UsersDependencies): void {
  const userParams = z.object({ id: z.uuid() });

  api.route({
    method: 'get',
    path: '/admin/users',
    operationId: 'searchUsers',
    description:
      'Administrators find accounts by a part of the email or display name, optionally by status, newest first, a page at a time.',
    tag: 'admin',
    summary: 'Search users by email or name, newest first',
    access: 'admin',
    query: z.object({
      q: text(100).optional(),
      status: z.enum(['active', 'suspended']).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(25),
      cursor: userCursor.optional(),
    }),
    response: z.object({ users: z.array(adminAccountSchema), nextCursor: z.string().nullable() }),
    handle: async ({ query }) => {
      const page = await searchUsers(deps, { q: query.q, status: query.status, limit: query.limit, after: query.cursor });
      return { users: page.items.map(accountView), nextCursor: page.next ? encodeCursor(page.next) : null };
    },
  });

  api.route({
    method: 'post',
    path: '/admin/users/:id/suspend',
    operationId: 'suspendUser',
    description:
      'Suspends an account: its sessions end, its access tokens are revoked everywhere within seconds, and the tutoring service cancels its upcoming sessions. Administrators cannot be suspended.',
    tag: 'admin',
    summary: 'Suspend a user: signs them out everywhere and blocks login and refresh',
    access: 'admin',
    params: userParams,
    body: z.strictObject({ reason: text(500, { multiline: true }).min(1) }),
    response: adminAccountSchema,
    errors: { 404: ['user-not-found'], 409: ['cannot-suspend-admin'] },
    handle: async ({ user, params, body }) => accountView(await suspendUser(deps, user.id, params.id, body.reason)),
  });

  api.route({
    method: 'post',
    path: '/admin/users/:id/reinstate',
    operationId: 'reinstateUser',
    description: 'Lets a suspended account sign in again. Sessions cancelled by the suspension stay cancelled.',
    tag: 'admin',
    summary: 'Reinstate a suspended user',
    access: 'admin',
    params: userParams,
    response: adminAccountSchema,
    errors: { 404: ['user-not-found'] },
    handle: async ({ params }) => accountView(await reinstateUser(deps, params.id)),
  });
}
