// Who may do what in a group. Anyone sees a group's summary; a public group's meetings, members and discussion
// are open to read, a private or unlisted group's only to its members; members take part; owners and
// moderators manage; only the owner hands the group on or names moderators.
import { AppError, type AuthUser, type ErrorCodes } from '@tutoring-platform/shared';
import type { GroupsDependencies } from '../dependencies';
import type { GroupRecord, MemberRecord } from '../data/group-repository';

export const groupNotFound = () => new AppError('group-not-found', 404, 'No such group');

export interface GroupAccess {
  group: GroupRecord;
  /** The caller's membership, if they are signed in and a member. */
  member: MemberRecord | undefined;
}

export async function getGroup(deps: GroupsDependencies, id: string): Promise<GroupRecord> {
  const group = await deps.groups.find(id);
  if (!group) throw groupNotFound();
  return group;
}

export async function accessTo(deps: GroupsDependencies, groupId: string, user: AuthUser | undefined): Promise<GroupAccess> {
  const [group, member] = await Promise.all([getGroup(deps, groupId), user ? deps.groups.findMember(groupId, user.id) : undefined]);
  return { group, member };
}

export const isManager = (member: MemberRecord | undefined) => member?.role === 'owner' || member?.role === 'moderator';

export const canRead = ({ group, member }: GroupAccess) => group.visibility === 'public' || member !== undefined;

/**
 * A group as the caller may see it, the same in a list as alone: outsiders of a private or unlisted group get its
 * summary without the place or link where it meets.
 */
export const shownTo = (access: GroupAccess): GroupRecord =>
  canRead(access) ? access.group : { ...access.group, location: null, meetingLink: null };

/** Reading meetings, members or discussion. */
export async function readAccess(deps: GroupsDependencies, groupId: string, user: AuthUser | undefined): Promise<GroupAccess> {
  const access = await accessTo(deps, groupId, user);
  if (!canRead(access)) throw new AppError('members-only', 403, 'Only members can see this group’s content');
  return access;
}

export const assertActive = (group: GroupRecord) => {
  if (group.status === 'archived') throw new AppError('group-archived', 409, 'The group is archived');
};

/** Taking part: RSVPs, posts, replies. */
export async function memberAccess(deps: GroupsDependencies, groupId: string, user: AuthUser): Promise<GroupAccess> {
  const access = await accessTo(deps, groupId, user);
  if (!access.member) throw new AppError('members-only', 403, 'Only members can do this');
  assertActive(access.group);
  return access;
}

/** Managing: editing, meetings, requests, removals and bans. Archived groups can still be read, not managed. */
export async function managerAccess(deps: GroupsDependencies, groupId: string, user: AuthUser, options = { active: true }) {
  const access = await accessTo(deps, groupId, user);
  if (!isManager(access.member)) throw new AppError('managers-only', 403, 'Only the group’s owner and moderators can do this');
  if (options.active) assertActive(access.group);
  return access as GroupAccess & { member: MemberRecord };
}

export async function ownerAccess(deps: GroupsDependencies, groupId: string, user: AuthUser) {
  const access = await accessTo(deps, groupId, user);
  if (access.member?.role !== 'owner') throw new AppError('owner-only', 403, 'Only the group’s owner can do this');
  assertActive(access.group);
  return access as GroupAccess & { member: MemberRecord };
}

/** What each kind of access answers when it is refused, for the operations' contracts. */
export const accessErrors = {
  read: { 403: ['members-only'], 404: ['group-not-found'] },
  member: { 403: ['members-only'], 404: ['group-not-found'], 409: ['group-archived'] },
  manager: { 403: ['managers-only'], 404: ['group-not-found'], 409: ['group-archived'] },
  /** Managing what stays readable after archiving: lists of bans and requests, cancelling meetings. */
  managerOfArchived: { 403: ['managers-only'], 404: ['group-not-found'] },
  owner: { 403: ['owner-only'], 404: ['group-not-found'], 409: ['group-archived'] },
} as const satisfies Record<string, ErrorCodes>;
