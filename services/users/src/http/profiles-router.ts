// /profiles: public profile fields of active users, for other services and other users.
import { z } from 'zod';
import type { Api } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import { getPublicProfile, listPublicProfiles } from '../domain/list-public-profiles';
import { publicProfileSchema, publicProfileView } from './user-views';

export function profileRoutes(api: Api, deps: UsersDependencies): void {
  api.route({
    method: 'get',
    path: '/profiles',
    operationId: 'listProfiles',
    description:
      'Public profiles (display name, bio, school, courses of study) of up to 100 active accounts, by id. Ids that are unknown or suspended are left out rather than failing the request.',
    tag: 'profiles',
    summary: 'Public profiles by id (comma-separated, at most 100)',
    access: 'public',
    query: z.object({
      ids: z
        .string()
        .max(100 * 37)
        .transform((raw) => raw.split(','))
        .pipe(z.array(z.uuid()).min(1).max(100)),
    }),
    response: z.object({ profiles: z.array(publicProfileSchema) }),
    handle: async ({ query }) => ({ profiles: (await listPublicProfiles(deps, query.ids)).map(publicProfileView) }),
  });

  api.route({
    method: 'get',
    path: '/profiles/:id',
    operationId: 'getProfile',
    description: 'The public profile of one active account.',
    tag: 'profiles',
    summary: 'One public profile',
    access: 'public',
    params: z.object({ id: z.uuid() }),
    response: publicProfileSchema,
    errors: { 404: ['profile-not-found'] },
    handle: async ({ params }) => publicProfileView(await getPublicProfile(deps, params.id)),
  });
}
