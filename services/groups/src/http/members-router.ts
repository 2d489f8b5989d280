// /api/groups/:groupId/{members,requests,bans,owner}: who is in a group, and managing them.
import { z } from 'zod';
import type { Api } from '@tutoring-platform/shared';
import type { GroupsDependencies } from '../dependencies';
import { accessErrors } from '../domain/group-access';
import { answerRequest, listRequests } from '../domain/join-group';
import { banUser, listBans, listMembers, removeMember, setRole, transferOwnership, unbanUser } from '../domain/manage-members';
import { groupParams, roleSchema } from './views';

export function memberRoutes(api: Api, deps: GroupsDependencies): void {
  const byUser = z.object({ groupId: z.uuid(), userId: z.uuid() });

  api.route({
    method: 'get',
    path: '/:groupId/members',
    operationId: 'listMembers',
    description: 'The members with their roles, and the waitlist in order. Open to anyone in a public group, else to members.',
    tag: 'membership',
    summary: 'Members and the waitlist in order (members only, except in a public group)',
    access: 'public',
    params: groupParams,
    response: z.object({
      members: z.array(z.object({ userId: z.uuid(), role: roleSchema, joinedAt: z.iso.datetime() })),
      waitlist: z.array(z.object({ userId: z.uuid(), position: z.number().int(), joinedAt: z.iso.datetime() })),
    }),
    errors: accessErrors.read,
    handle: async ({ user, params }) => {
      const { members, waitlist } = await listMembers(deps, user, params.groupId);
      return { members, waitlist: waitlist.map((w, i) => ({ userId: w.userId, position: i + 1, joinedAt: w.joinedAt })) };
    },
  });

  api.route({
    method: 'put',
    path: '/:groupId/members/:userId/role',
    operationId: 'setMemberRole',
    description: 'The owner makes a member a moderator, or a moderator a plain member again.',
    tag: 'membership',
    summary: 'Make a member a moderator or a plain member again (owner)',
    access: 'user',
    params: byUser,
    body: z.strictObject({ role: z.enum(['moderator', 'member']) }),
    errors: [accessErrors.owner, { 404: ['member-not-found'], 409: ['not-yourself'] }],
    handle: async ({ user, params, body }) => setRole(deps, user, params.groupId, params.userId, body.role),
  });

  api.route({
    method: 'delete',
    path: '/:groupId/members/:userId',
    operationId: 'removeMember',
    description: 'Moderators remove members, the owner anyone but themself; the head of the waitlist takes the place.',
    tag: 'membership',
    summary: 'Remove a member (moderators remove members, the owner anyone); the waitlist moves up',
    access: 'user',
    params: byUser,
    response: z.object({ promoted: z.boolean() }),
    errors: [accessErrors.manager, { 403: ['outranked'], 404: ['member-not-found'], 409: ['not-yourself'] }],
    handle: async ({ user, params }) => removeMember(deps, user, params.groupId, params.userId),
  });

  api.route({
    method: 'put',
    path: '/:groupId/owner',
    operationId: 'transferOwnership',
    description: 'The owner hands the group to another member and stays on as a moderator.',
    tag: 'membership',
    summary: 'Hand the group to another member (owner); the old owner stays as a moderator',
    access: 'user',
    params: groupParams,
    body: z.strictObject({ userId: z.uuid() }),
    errors: [accessErrors.owner, { 404: ['member-not-found'], 409: ['not-yourself', 'ownership-changed'] }],
    handle: async ({ user, params, body }) => transferOwnership(deps, user, params.groupId, body.userId),
  });

  api.route({
    method: 'get',
    path: '/:groupId/bans',
    operationId: 'listBans',
    description: 'Owners and moderators see who is banned from the group.',
    tag: 'membership',
    summary: 'Banned users (owners and moderators)',
    access: 'user',
    params: groupParams,
    response: z.object({ bans: z.array(z.object({ userId: z.uuid(), bannedAt: z.iso.datetime() })) }),
    errors: accessErrors.managerOfArchived,
    handle: async ({ user, params }) => ({ bans: await listBans(deps, user, params.groupId) }),
  });

  api.route({
    method: 'put',
    path: '/:groupId/bans/:userId',
    operationId: 'banUser',
    description: 'Owners and moderators ban a user: they lose their place, waitlist entry or request, and cannot join or ask again.',
    tag: 'membership',
    summary: 'Ban a user: they lose their place, waitlist entry or request and cannot join again',
    access: 'user',
    params: byUser,
    errors: [accessErrors.manager, { 403: ['outranked'], 409: ['not-yourself'] }],
    handle: async ({ user, params }) => banUser(deps, user, params.groupId, params.userId),
  });

  api.route({
    method: 'delete',
    path: '/:groupId/bans/:userId',
    operationId: 'unbanUser',
    description: 'Owners and moderators lift a ban; the user may join again.',
    tag: 'membership',
    summary: 'Lift a ban',
    access: 'user',
    params: byUser,
    errors: [accessErrors.manager, { 404: ['ban-not-found'] }],
    handle: async ({ user, params }) => unbanUser(deps, user, params.groupId, params.userId),
  });

  api.route({
    method: 'get',
    path: '/:groupId/requests',
    operationId: 'listJoinRequests',
    description: 'Owners and moderators of a private group see the requests to join it, oldest first.',
    tag: 'membership',
    summary: 'Requests to join a private group (owners and moderators)',
    access: 'user',
    params: groupParams,
    response: z.object({ requests: z.array(z.object({ userId: z.uuid(), requestedAt: z.iso.datetime() })) }),
    errors: accessErrors.managerOfArchived,
    handle: async ({ user, params }) => ({ requests: await listRequests(deps, user, params.groupId) }),
  });

  api.route({
    method: 'post',
    path: '/:groupId/requests/:userId',
    operationId: 'answerJoinRequest',
    description: 'Owners and moderators approve a request to join, if there is room, or decline it.',
    tag: 'membership',
    summary: 'Approve or decline a request to join (owners and moderators)',
    access: 'user',
    params: byUser,
    body: z.strictObject({ decision: z.enum(['approve', 'decline']) }),
    errors: [accessErrors.manager, { 404: ['request-not-found'], 409: ['group-full'] }],
    handle: async ({ user, params, body }) => answerRequest(deps, user, params.groupId, params.userId, body.decision === 'approve'),
  });
}
