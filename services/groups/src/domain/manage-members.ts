// Members and the waitlist: who sees them, and roles, removals, bans and ownership.
import { AppError, type AuthUser } from '@tutoring-platform/shared';
import type { GroupsDependencies } from '../dependencies';
import type { MemberRecord } from '../data/group-repository';
import { managerAccess, ownerAccess, readAccess } from './group-access';
import { withdrawAnswers } from './schedule-meeting';

export async function listMembers(deps: GroupsDependencies, user: AuthUser | undefined, groupId: string) {
  await readAccess(deps, groupId, user);
  const [members, waitlist] = await Promise.all([deps.groups.members(groupId), deps.groups.waitlist(groupId)]);
  return { members, waitlist };
}

/** Moderators act on plain members only; the owner on anyone but themselves. */
function assertOutranks(actor: MemberRecord, target: MemberRecord | undefined, targetId: string) {
  if (actor.userId === targetId) throw new AppError('not-yourself', 409, 'Use leave to leave the group');
  if (target?.role === 'owner' || (target?.role === 'moderator' && actor.role !== 'owner')) {
    throw new AppError('outranked', 403, 'Only the owner can act on moderators, and nobody on the owner');
  }
}

export async function setRole(deps: GroupsDependencies, user: AuthUser, groupId: string, targetId: string, role: 'moderator' | 'member') {
  await ownerAccess(deps, groupId, user);
  if (targetId === user.id) throw new AppError('not-yourself', 409, 'Transfer ownership to step down');
  if (!(await deps.groups.setRole(groupId, targetId, role))) throw new AppError('member-not-found', 404, 'No such member');
}

/** Removes a member; the head of the waitlist takes the place. They may ask or join again. */
export async function removeMember(deps: GroupsDependencies, user: AuthUser, groupId: string, targetId: string) {
  const { group, member } = await managerAccess(deps, groupId, user);
  assertOutranks(member, await deps.groups.findMember(groupId, targetId), targetId);
  const removed = await deps.groups.removeMember(group, targetId);
  if (!removed) throw new AppError('member-not-found', 404, 'No such member');
  await withdrawAnswers(deps, groupId, targetId);
  return { promoted: removed.promoted !== undefined };
}

/**
 * Bans a user, member or not: the ban is recorded first, so no join can slip in after it, then their place,
 * waitlist entry or request is removed.
 */
export async function banUser(deps: GroupsDependencies, user: AuthUser, groupId: string, targetId: string) {
  const { group, member } = await managerAccess(deps, groupId, user);
  assertOutranks(member, await deps.groups.findMember(groupId, targetId), targetId);
  await deps.groups.ban(groupId, targetId, user.id);
  if (await deps.groups.removeMember(group, targetId)) await withdrawAnswers(deps, groupId, targetId);
  await deps.groups.removeWaiter(groupId, targetId);
  await deps.groups.removeRequest(groupId, targetId);
}

export async function unbanUser(deps: GroupsDependencies, user: AuthUser, groupId: string, targetId: string) {
  await managerAccess(deps, groupId, user);
  if (!(await deps.groups.unban(groupId, targetId))) throw new AppError('ban-not-found', 404, 'That user is not banned');
}

export async function listBans(deps: GroupsDependencies, user: AuthUser, groupId: string) {
  await managerAccess(deps, groupId, user, { active: false });
  return deps.groups.bans(groupId);
}

/** The owner hands the group to another member and stays on as a moderator. */
export async function transferOwnership(deps: GroupsDependencies, user: AuthUser, groupId: string, targetId: string) {
  await ownerAccess(deps, groupId, user);
  if (targetId === user.id) throw new AppError('not-yourself', 409, 'You own the group already');
  if (!(await deps.groups.findMember(groupId, targetId))) throw new AppError('member-not-found', 404, 'No such member');
  if (!(await deps.groups.transferOwnership(groupId, user.id, targetId))) {
    throw new AppError('ownership-changed', 409, 'The group’s membership changed meanwhile; try again');
  }
}
