// /api/groups: create and read groups, join (a place or the waitlist), leave, members.
import { z } from 'zod';
import { cursorSchema, encodeCursor, type Api } from '@tutoring-platform/shared';
import type { GroupsDependencies } from '../dependencies';
import type { GroupRecord } from '../data/group-repository';
import { answerRequest, joinGroup, leaveGroup, listMembers, listRequests } from '../domain/join-group';
import { browseGroups, createGroup, getGroup, myGroups } from '../domain/manage-group';

const groupSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    course: z.string(),
    subject: z.string(),
    description: z.string(),
    tags: z.array(z.string()),
    visibility: z.enum(['public', 'private']),
    capacity: z.number().int(),
    memberCount: z.number().int(),
    ownerId: z.uuid(),
    createdAt: z.iso.datetime(),
    lastActivityAt: z.iso.datetime(),
  })
  .meta({ id: 'Group' });

const groupView = (g: GroupRecord) => g;

/** DynamoDB's LastEvaluatedKey, opaque to clients. */
const browseCursor = cursorSchema(z.record(z.string().max(20), z.string().max(200)));

export function groupRoutes(api: Api, deps: GroupsDependencies): void {
  const byId = z.object({ groupId: z.uuid() });

  api.route({
    method: 'get',
    path: '/',
    tag: 'groups',
    summary: 'Browse public groups, most recently active first: by course, text, and whether they have space',
    access: 'public',
    query: z.object({
      course: z.string().trim().min(1).max(40).optional(),
      q: z.string().trim().min(1).max(100).optional(),
      hasSpace: z.enum(['true', 'false']).optional(),
      limit: z.coerce.number().int().min(1).max(50).default(20),
      cursor: browseCursor.optional(),
    }),
    response: z.object({ groups: z.array(groupSchema), nextCursor: z.string().nullable() }),
    handle: async ({ query }) => {
      const page = await browseGroups(deps, {
        course: query.course,
        q: query.q,
        hasSpace: query.hasSpace === 'true',
        limit: query.limit,
        after: query.cursor,
      });
      return { groups: page.groups.map(groupView), nextCursor: page.next ? encodeCursor(page.next) : null };
    },
  });

  api.route({
    method: 'post',
    path: '/',
    tag: 'groups',
    summary: 'Create a study group; its creator is the owner and first member',
    access: 'user',
    body: z.strictObject({
      name: z.string().trim().min(1).max(120),
      course: z.string().trim().min(1).max(40),
      subject: z.string().trim().min(1).max(80),
      description: z.string().max(4000).default(''),
      tags: z.array(z.string().trim().toLowerCase().min(1).max(30)).max(10).default([]),
      // unlisted groups (joined through an invite link) follow with the rest of the groups issue
      visibility: z.enum(['public', 'private']).default('public'),
      capacity: z.number().int().min(2).max(500),
    }),
    response: groupSchema,
    status: 201,
    handle: async ({ user, body }) => groupView(await createGroup(deps, user, body)),
  });

  api.route({
    method: 'get',
    path: '/mine',
    tag: 'groups',
    summary: 'The groups I belong to, with my role, most recently active first',
    access: 'user',
    response: z.object({ groups: z.array(groupSchema.extend({ myRole: z.enum(['owner', 'moderator', 'member']) })) }),
    handle: async ({ user }) => ({
      groups: (await myGroups(deps, user)).map(({ group, role }) => ({ ...groupView(group), myRole: role })),
    }),
  });

  api.route({
    method: 'get',
    path: '/:groupId',
    tag: 'groups',
    summary: 'A group',
    access: 'public',
    params: byId,
    response: groupSchema,
    errors: [404],
    handle: async ({ params }) => groupView(await getGroup(deps, params.groupId)),
  });

  api.route({
    method: 'post',
    path: '/:groupId/join',
    tag: 'membership',
    summary: 'Join: a place if there is one, else the waitlist with a position; repeating it is safe',
    access: 'user',
    params: byId,
    response: z.object({ status: z.enum(['member', 'waitlisted', 'requested']), position: z.number().int().optional() }),
    errors: [404],
    handle: async ({ user, params }) => joinGroup(deps, user, params.groupId),
  });

  api.route({
    method: 'post',
    path: '/:groupId/leave',
    tag: 'membership',
    summary: 'Leave; the head of the waitlist takes the place in the same transaction',
    access: 'user',
    params: byId,
    response: z.object({ promoted: z.boolean() }),
    errors: [404, 409],
    handle: async ({ user, params }) => leaveGroup(deps, user, params.groupId),
  });

  api.route({
    method: 'get',
    path: '/:groupId/members',
    tag: 'membership',
    summary: 'Members and the waitlist in order (a private group shows them to its members only)',
    access: 'public',
    params: byId,
    response: z.object({
      members: z.array(z.object({ userId: z.uuid(), role: z.enum(['owner', 'moderator', 'member']), joinedAt: z.iso.datetime() })),
      waitlist: z.array(z.object({ userId: z.uuid(), position: z.number().int(), joinedAt: z.iso.datetime() })),
    }),
    errors: [403, 404],
    handle: async ({ user, params }) => {
      const { members, waitlist } = await listMembers(deps, user, params.groupId);
      return { members, waitlist: waitlist.map((w, i) => ({ userId: w.userId, position: i + 1, joinedAt: w.joinedAt })) };
    },
  });

  api.route({
    method: 'get',
    path: '/:groupId/requests',
    tag: 'membership',
    summary: 'Requests to join a private group (owners and moderators)',
    access: 'user',
    params: byId,
    response: z.object({ requests: z.array(z.object({ userId: z.uuid(), requestedAt: z.iso.datetime() })) }),
    errors: [403, 404],
    handle: async ({ user, params }) => ({ requests: await listRequests(deps, user, params.groupId) }),
  });

  api.route({
    method: 'post',
    path: '/:groupId/requests/:userId',
    tag: 'membership',
    summary: 'Approve or decline a request to join (owners and moderators)',
    access: 'user',
    params: z.object({ groupId: z.uuid(), userId: z.uuid() }),
    body: z.strictObject({ decision: z.enum(['approve', 'decline']) }),
    errors: [403, 404, 409],
    handle: async ({ user, params, body }) => answerRequest(deps, user, params.groupId, params.userId, body.decision === 'approve'),
  });
}
