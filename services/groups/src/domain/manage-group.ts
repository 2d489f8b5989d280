// Creating, reading, editing, archiving and browsing groups.
import { AppError, type AuthUser } from '@tutoring-platform/shared';
import type { GroupsDependencies } from '../dependencies';
import type { BrowseQuery, GroupFields, GroupRecord } from '../data/group-repository';
import { accessTo, managerAccess, ownerAccess, shownTo } from './group-access';
import { planWeeklyMeetings, replanWeeklyMeetings } from './weekly-meetings';

export async function createGroup(deps: GroupsDependencies, user: AuthUser, fields: GroupFields): Promise<GroupRecord> {
  const group = await deps.groups.create(user.id, fields);
  await planWeeklyMeetings(deps, group, []);
  return group;
}

/** What the caller is to the group, for the web app's buttons. */
export interface Viewer {
  role: 'owner' | 'moderator' | 'member' | null;
  waitlistPosition: number | null;
  requested: boolean;
  banned: boolean;
}

/** A group as the caller may see it, and what the caller is to it. */
export async function viewGroup(deps: GroupsDependencies, user: AuthUser | undefined, groupId: string) {
  const access = await accessTo(deps, groupId, user);
  const { member } = access;
  const shown = shownTo(access);
  if (!user) return { group: shown, viewer: undefined };
  const [seq, requested, banned] = member
    ? [undefined, false, false]
    : await Promise.all([
        deps.groups.findWaiter(groupId, user.id),
        deps.groups.hasRequest(groupId, user.id),
        deps.groups.isBanned(groupId, user.id),
      ]);
  const viewer: Viewer = {
    role: member?.role ?? null,
    waitlistPosition: seq === undefined ? null : await deps.groups.waitlistPosition(groupId, seq),
    requested,
    banned,
  };
  return { group: shown, viewer };
}

export async function editGroup(deps: GroupsDependencies, user: AuthUser, groupId: string, changes: Partial<GroupFields>) {
  const { group } = await managerAccess(deps, groupId, user);
  const fields = { ...group, ...changes };
  if (changes.capacity !== undefined && changes.capacity < group.memberCount) {
    throw new AppError('capacity-below-members', 409, `The group has ${group.memberCount} members; capacity cannot be lower`);
  }
  const updated = await deps.groups.update(group, fields);
  if (!updated) throw new AppError('capacity-below-members', 409, 'The group gained members meanwhile; capacity cannot be that low');
  // More room: the waitlist moves up.
  if (updated.capacity > group.capacity) while (await deps.groups.promoteHead(groupId));
  await replanWeeklyMeetings(deps, group, updated);
  return (await deps.groups.find(groupId)) ?? updated;
}

export async function archiveGroup(deps: GroupsDependencies, user: AuthUser, groupId: string): Promise<GroupRecord> {
  await ownerAccess(deps, groupId, user);
  if (!(await deps.groups.archive(groupId))) throw new AppError('group-archived', 409, 'The group is archived already');
  return (await deps.groups.find(groupId))!;
}

export async function inviteCode(deps: GroupsDependencies, user: AuthUser, groupId: string, rotate: boolean): Promise<string> {
  const { group } = await managerAccess(deps, groupId, user);
  if (group.visibility !== 'unlisted') throw new AppError('not-unlisted', 409, 'Only unlisted groups have invite links');
  return rotate ? deps.groups.rotateInviteCode(groupId) : group.inviteCode!;
}

/** A page of groups, each shaped for the caller exactly as the single view shapes it. */
export async function browseGroups(deps: GroupsDependencies, user: AuthUser | undefined, query: BrowseQuery) {
  const page = await deps.groups.browse(query);
  const members = await Promise.all(
    page.groups.map((group) => (user && group.visibility !== 'public' ? deps.groups.findMember(group.id, user.id) : undefined)),
  );
  return { ...page, groups: page.groups.map((group, i) => shownTo({ group, member: members[i] })) };
}

/** My groups, most recently active first. */
export async function myGroups(deps: GroupsDependencies, user: AuthUser) {
  const mine = await deps.groups.groupsOf(user.id);
  return mine.sort((a, b) => b.group.lastActivityAt.localeCompare(a.group.lastActivityAt));
}
