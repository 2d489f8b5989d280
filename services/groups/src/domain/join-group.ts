// Joining and leaving a public group: a place if there is one, otherwise a numbered place on the waitlist;
// a leave hands the place to the head of the waitlist in the same transaction.
import { AppError, type AuthUser } from '@tutoring-platform/shared';
import type { GroupsDependencies } from '../dependencies';
import { getGroup } from './manage-group';

export type JoinResult = { status: 'member' } | { status: 'waitlisted'; position: number } | { status: 'requested' };

export async function joinGroup(deps: GroupsDependencies, user: AuthUser, groupId: string): Promise<JoinResult> {
  const group = await getGroup(deps, groupId);
  if (group.visibility === 'private') {
    // A private group takes requests; an owner or moderator answers them.
    return (await deps.groups.addRequest(groupId, user.id)) ? { status: 'requested' } : { status: 'member' };
  }
  const waiting = await deps.groups.findWaiter(groupId, user.id);
  if (waiting !== undefined) return { status: 'waitlisted', position: await deps.groups.waitlistPosition(groupId, waiting) };
  const added = await deps.groups.addMember(groupId, user.id);
  if (added !== 'full') {
    if (added === 'already' && !(await deps.groups.findMember(groupId, user.id))) {
      // filed on the waitlist by a concurrent request of the same user
      const seq = await deps.groups.findWaiter(groupId, user.id);
      if (seq !== undefined) return { status: 'waitlisted', position: await deps.groups.waitlistPosition(groupId, seq) };
    }
    return { status: 'member' };
  }
  const seq = await deps.groups.addToWaitlist(groupId, user.id);
  // A place may have freed while we queued (a leave with nobody waiting yet): fill it from the head.
  while (await deps.groups.promoteHead(groupId));
  if (await deps.groups.findMember(groupId, user.id)) return { status: 'member' };
  return { status: 'waitlisted', position: await deps.groups.waitlistPosition(groupId, seq) };
}

export async function leaveGroup(deps: GroupsDependencies, user: AuthUser, groupId: string): Promise<{ promoted: boolean }> {
  const group = await getGroup(deps, groupId);
  if (group.ownerId === user.id) throw new AppError('owner-cannot-leave', 409, 'Transfer ownership before leaving the group');
  const removed = await deps.groups.removeMember(groupId, user.id);
  if (!removed) throw new AppError('not-a-member', 409, 'You are not a member of this group');
  return { promoted: removed.promoted !== undefined };
}

/** Throws unless the user is an owner or moderator of the group. */
export async function assertManager(deps: GroupsDependencies, user: AuthUser, groupId: string): Promise<void> {
  await getGroup(deps, groupId);
  const member = await deps.groups.findMember(groupId, user.id);
  if (member?.role !== 'owner' && member?.role !== 'moderator')
    throw new AppError('managers-only', 403, 'Only the group’s owner and moderators can do this');
}

export async function listRequests(deps: GroupsDependencies, user: AuthUser, groupId: string) {
  await assertManager(deps, user, groupId);
  return deps.groups.requests(groupId);
}

export async function answerRequest(
  deps: GroupsDependencies,
  user: AuthUser,
  groupId: string,
  requesterId: string,
  approve: boolean,
): Promise<void> {
  await assertManager(deps, user, groupId);
  if (!approve) {
    if (!(await deps.groups.removeRequest(groupId, requesterId))) throw new AppError('request-not-found', 404, 'No such request');
    return;
  }
  const outcome = await deps.groups.approveRequest(groupId, requesterId);
  if (outcome === 'no-request') throw new AppError('request-not-found', 404, 'No such request');
  if (outcome === 'full') throw new AppError('group-full', 409, 'The group is full');
}

/** A private group's members are visible to its members only. */
export async function listMembers(deps: GroupsDependencies, user: AuthUser | undefined, groupId: string) {
  const group = await getGroup(deps, groupId);
  if (group.visibility === 'private' && !(user && (await deps.groups.findMember(groupId, user.id)))) {
    throw new AppError('members-only', 403, 'Only members can see who is in a private group');
  }
  const [members, waitlist] = await Promise.all([deps.groups.members(groupId), deps.groups.waitlist(groupId)]);
  return { members, waitlist };
}
