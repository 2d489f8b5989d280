import { AppError, type AuthUser } from '@tutoring-platform/shared';
import type { GroupsDependencies } from '../dependencies';
import type { GroupFields, GroupRecord } from '../data/group-repository';

export const groupNotFound = () => new AppError('group-not-found', 404, 'No such group');

export const createGroup = (deps: GroupsDependencies, user: AuthUser, fields: GroupFields): Promise<GroupRecord> =>
  deps.groups.create(user.id, fields);

export async function getGroup(deps: GroupsDependencies, id: string): Promise<GroupRecord> {
  const group = await deps.groups.find(id);
  if (!group) throw groupNotFound();
  return group;
}

export const browseGroups = (deps: GroupsDependencies, query: Parameters<GroupsDependencies['groups']['browse']>[0]) =>
  deps.groups.browse(query);

/** My groups, most recently active first. */
export async function myGroups(deps: GroupsDependencies, user: AuthUser) {
  const mine = await deps.groups.groupsOf(user.id);
  return mine.sort((a, b) => b.group.lastActivityAt.localeCompare(a.group.lastActivityAt));
}
