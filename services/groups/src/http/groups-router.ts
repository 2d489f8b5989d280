// /api/groups: create, read, edit, archive and browse groups; join (a place, the waitlist, a request or an
// invite), leave; the invite link of an unlisted group.
import { z } from 'zod';
import { cursorSchema, encodeCursor, type Api, text } from '@tutoring-platform/shared';
import type { GroupsDependencies } from '../dependencies';
import { accessErrors } from '../domain/group-access';
import { joinGroup, leaveGroup } from '../domain/join-group';
import { archiveGroup, browseGroups, createGroup, editGroup, inviteCode, myGroups, viewGroup } from '../domain/manage-group';
import { groupParams, groupSchema, groupView, roleSchema, scheduleSchema } from './views';

/** DynamoDB's LastEvaluatedKey, opaque to clients. */
const browseCursor = cursorSchema(z.record(z.string().max(20), z.string().max(200)));

/** Editable fields; a PATCH sends any of them, creation fills the rest with defaults. */
const fieldShape = {
  name: text(120).min(1),
  course: text(40).min(1),
  subject: text(80).min(1),
  description: text(4000, { multiline: true }),
  tags: z.array(text(30).toLowerCase().min(1)).max(10),
  visibility: z.enum(['public', 'private', 'unlisted']),
  capacity: z.number().int().min(1).max(500),
  meetingStyle: z.enum(['online', 'in_person', 'hybrid']),
  location: text(300).min(1).nullable(),
  meetingLink: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable(),
  schedule: scheduleSchema.nullable(),
};

const newGroupBody = z.strictObject({
  ...fieldShape,
  description: fieldShape.description.default(''),
  tags: fieldShape.tags.default([]),
  visibility: fieldShape.visibility.default('public'),
  meetingStyle: fieldShape.meetingStyle.default('online'),
  location: fieldShape.location.default(null),
  meetingLink: fieldShape.meetingLink.default(null),
  schedule: fieldShape.schedule.default(null),
});

const groupChanges = z
  .strictObject(fieldShape)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'name at least one field to change');

const viewerSchema = z
  .object({
    role: roleSchema.nullable(),
    waitlistPosition: z.number().int().nullable(),
    requested: z.boolean(),
    banned: z.boolean(),
  })
  .meta({ id: 'GroupViewer', description: 'What the signed-in caller is to the group' });

export function groupRoutes(api: Api, deps: GroupsDependencies): void {
  api.route({
    method: 'get',
    path: '/',
    operationId: 'browseGroups',
    description:
      'Public and private groups (unlisted ones never appear), most recently active first, by course, subject, tag, text, and whether they meet online or nearby, a page at a time. Each group is shaped for the viewer exactly as in `getGroup`.',
    tag: 'groups',
    summary: 'Browse public and private groups, most recently active first: by course, subject, tag, text and space',
    access: 'public',
    query: z.object({
      course: text(40).min(1).optional(),
      subject: text(80).min(1).optional(),
      tag: text(30).min(1).optional(),
      q: text(100).min(1).optional(),
      hasSpace: z.enum(['true', 'false']).optional(),
      limit: z.coerce.number().int().min(1).max(50).default(20),
      cursor: browseCursor.optional(),
    }),
    response: z.object({ groups: z.array(groupSchema), nextCursor: z.string().nullable() }),
    errors: { 400: ['invalid-cursor'], 503: ['group-busy'] },
    handle: async ({ user, query }) => {
      const page = await browseGroups(deps, user, {
        course: query.course,
        subject: query.subject,
        tag: query.tag,
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
    operationId: 'createGroup',
    description:
      'Any signed-in student creates a study group: public (anyone joins), private (joining is a request) or unlisted (joined by invite link). The creator is its owner and first member.',
    tag: 'groups',
    summary: 'Create a study group; its creator is the owner and first member',
    access: 'user',
    body: newGroupBody,
    response: groupSchema,
    status: 201,
    examples: {
      body: {
        name: 'Linear Algebra exam prep',
        course: 'MATH 221',
        subject: 'Mathematics',
        description: 'Past papers, one chapter a week.',
        tags: ['exam', 'proofs'],
        visibility: 'public',
        capacity: 8,
        meetingStyle: 'hybrid',
        location: 'Library room 2.14',
        meetingLink: 'https://meet.example.edu/la-prep',
        schedule: { weekday: 1, start: '18:00', durationMinutes: 90, timezone: 'Europe/London' },
      },
    },
    handle: async ({ user, body }) => groupView(await createGroup(deps, user, body)),
  });

  api.route({
    method: 'get',
    path: '/mine',
    operationId: 'listMyGroups',
    description: 'Every group I own, moderate or belong to, with my role, most recently active first.',
    tag: 'groups',
    summary: 'The groups I belong to, with my role, most recently active first',
    access: 'user',
    response: z.object({ groups: z.array(groupSchema.extend({ myRole: roleSchema })) }),
    handle: async ({ user }) => ({
      groups: (await myGroups(deps, user)).map(({ group, role }) => ({ ...groupView(group), myRole: role })),
    }),
  });

  api.route({
    method: 'get',
    path: '/:groupId',
    operationId: 'getGroup',
    description:
      'A group’s summary and what the viewer is to it (owner, moderator, member, waitlisted, requested or nothing). Outsiders of a private or unlisted group see neither its place nor its link.',
    tag: 'groups',
    summary: 'A group (outsiders of a private or unlisted group see no location or link), and what I am to it',
    access: 'public',
    params: groupParams,
    response: groupSchema.extend({ viewer: viewerSchema.optional() }),
    errors: { 404: ['group-not-found'] },
    handle: async ({ user, params }) => {
      const { group, viewer } = await viewGroup(deps, user, params.groupId);
      return { ...groupView(group), ...(viewer ? { viewer } : {}) };
    },
  });

  api.route({
    method: 'patch',
    path: '/:groupId',
    operationId: 'editGroup',
    description:
      'Owners and moderators change the group’s fields. Raising the capacity admits people from the head of the waitlist; it cannot go below the number of members.',
    tag: 'groups',
    summary: 'Edit a group (owners and moderators); more capacity moves the waitlist up',
    access: 'user',
    params: groupParams,
    body: groupChanges,
    response: groupSchema,
    errors: [accessErrors.manager, { 409: ['capacity-below-members'] }],
    handle: async ({ user, params, body }) => groupView(await editGroup(deps, user, params.groupId, body)),
  });

  api.route({
    method: 'post',
    path: '/:groupId/archive',
    operationId: 'archiveGroup',
    description:
      'The owner archives the group: it leaves browsing and takes no joins, meetings or posts, but stays readable to its members.',
    tag: 'groups',
    summary: 'Archive a group (owner): it leaves browsing and takes no joins, meetings or posts; it stays readable',
    access: 'user',
    params: groupParams,
    response: groupSchema,
    errors: accessErrors.owner,
    handle: async ({ user, params }) => groupView(await archiveGroup(deps, user, params.groupId)),
  });

  api.route({
    method: 'get',
    path: '/:groupId/invite',
    operationId: 'getInviteCode',
    description: 'Owners and moderators of an unlisted group get the code that its invite link carries.',
    tag: 'membership',
    summary: 'The invite code of an unlisted group (owners and moderators)',
    access: 'user',
    params: groupParams,
    response: z.object({ inviteCode: z.string() }),
    errors: [accessErrors.manager, { 409: ['not-unlisted'] }],
    handle: async ({ user, params }) => ({ inviteCode: await inviteCode(deps, user, params.groupId, false) }),
  });

  api.route({
    method: 'post',
    path: '/:groupId/invite',
    operationId: 'rotateInviteCode',
    description: 'Owners and moderators of an unlisted group replace its invite code; links with the old code stop working.',
    tag: 'membership',
    summary: 'Replace the invite code of an unlisted group; links with the old code stop working',
    access: 'user',
    params: groupParams,
    response: z.object({ inviteCode: z.string() }),
    errors: [accessErrors.manager, { 409: ['not-unlisted'] }],
    handle: async ({ user, params }) => ({ inviteCode: await inviteCode(deps, user, params.groupId, true) }),
  });

  api.route({
    method: 'post',
    path: '/:groupId/join',
    operationId: 'joinGroup',
    description:
      'Joins a public group, or its waitlist when it is full; asks to join a private group; joins an unlisted group with its invite code. Repeating it changes nothing and answers the same.',
    tag: 'membership',
    summary: 'Join: a place or the waitlist (public), a request (private), with the invite code (unlisted); repeating it is safe',
    access: 'user',
    params: groupParams,
    body: z.strictObject({ inviteCode: text(100).min(1).optional() }).optional(),
    response: z.object({ status: z.enum(['member', 'waitlisted', 'requested']), position: z.number().int().optional() }),
    errors: { 403: ['banned', 'invite-required'], 404: ['group-not-found'], 409: ['group-archived'] },
    examples: { body: { inviteCode: 'k3J9xQ2mPa' } },
    handle: async ({ user, params, body }) => joinGroup(deps, user, params.groupId, body?.inviteCode),
  });

  api.route({
    method: 'post',
    path: '/:groupId/leave',
    operationId: 'leaveGroup',
    description:
      'Leaves the group, its waitlist or a pending request. A place freed goes to the head of the waitlist in the same transaction. The owner must hand the group on first.',
    tag: 'membership',
    summary: 'Leave the group, its waitlist or a request; a freed place goes to the head of the waitlist in the same transaction',
    access: 'user',
    params: groupParams,
    response: z.object({ promoted: z.boolean() }),
    errors: { 404: ['group-not-found'], 409: ['not-a-member', 'owner-cannot-leave'] },
    handle: async ({ user, params }) => leaveGroup(deps, user, params.groupId),
  });
}
