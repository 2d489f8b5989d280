// Joining and leaving: a public group gives a place if there is one, otherwise a numbered place on the
// waitlist; a private group takes requests; an unlisted group lets in whoever holds its invite code. A leave
// hands the place to the head of the waitlist in the same transaction.
import { timingSafeEqual } from 'node:crypto';
import { AppError, type AuthUser } from '@tutoring-platform/shared';
import type { GroupsDependencies } from '../dependencies';
import { assertActive, getGroup, managerAccess } from './group-access';
import { withdrawAnswers } from './schedule-meeting';

export type JoinResult = { status: 'member' } | { status: 'waitlisted'; position: number } | { status: 'requested' };

const banned = () => new AppError('banned', 403, 'You cannot join this group');

const sameCode = (given: string, expected: string) =>
  given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));

export async function joinGroup(deps: GroupsDependencies, user: AuthUser, groupId: string, inviteCode?: string): Promise<JoinResult> {
  const group = await getGroup(deps, groupId);
  assertActive(group);
  if (group.visibility === 'private') {
    const outcome = await deps.groups.addRequest(groupId, user.id);
    if (outcome === 'banned') throw banned();
    return { status: outcome };
  }
  if (group.visibility === 'unlisted' && !(await deps.groups.findMember(groupId, user.id))) {
    if (!inviteCode || !group.inviteCode || !sameCode(inviteCode, group.inviteCode)) {
      throw new AppError('invite-required', 403, 'This group is joined through its invite link');
    }
  }
  // A full group goes straight to the waitlist; a place freed meanwhile is filled from its head below.
  const added = group.memberCount < group.capacity ? await deps.groups.addMember(groupId, user.id) : 'full';
  if (added === 'banned') throw banned();
  if (added !== 'full') {
    if (added === 'already' && !(await deps.groups.findMember(groupId, user.id))) {
      // on the waitlist already (an earlier or concurrent request of the same user)
      const seq = await deps.groups.findWaiter(groupId, user.id);
      if (seq !== undefined) return { status: 'waitlisted', position: await deps.groups.waitlistPosition(groupId, seq) };
    }
    return { status: 'member' };
  }
  const waiting = await deps.groups.addToWaitlist(groupId, user.id);
  if (waiting === 'banned') throw banned();
  if (waiting === 'member') return { status: 'member' };
  if (waiting.placeFree) {
    // A place was free when we queued (a leave with nobody waiting yet): fill it from the head, maybe with us.
    while (await deps.groups.promoteHead(groupId));
    if (await deps.groups.findMember(groupId, user.id)) return { status: 'member' };
  }
  return { status: 'waitlisted', position: await deps.groups.waitlistPosition(groupId, waiting.seq) };
}

/** Leaves the group, the waitlist or a pending request, whichever the user is in. */
export async function leaveGroup(deps: GroupsDependencies, user: AuthUser, groupId: string): Promise<{ promoted: boolean }> {
  const group = await getGroup(deps, groupId);
  if (group.ownerId === user.id) throw new AppError('owner-cannot-leave', 409, 'Transfer ownership before leaving the group');
  const removed = await deps.groups.removeMember(group, user.id);
  if (removed) {
    await withdrawAnswers(deps, groupId, user.id);
    return { promoted: removed.promoted !== undefined };
  }
  if ((await deps.groups.removeWaiter(groupId, user.id)) || (await deps.groups.removeRequest(groupId, user.id))) return { promoted: false };
  throw new AppError('not-a-member', 409, 'You are not a member of this group');
}

export async function listRequests(deps: GroupsDependencies, user: AuthUser, groupId: string) {
  await managerAccess(deps, groupId, user, { active: false });
  return deps.groups.requests(groupId);
}

export async function answerRequest(
  deps: GroupsDependencies,
  user: AuthUser,
  groupId: string,
  requesterId: string,
  approve: boolean,
): Promise<void> {
  const { group } = await managerAccess(deps, groupId, user);
  if (!approve) {
    if (!(await deps.groups.declineRequest(group, requesterId))) throw new AppError('request-not-found', 404, 'No such request');
    return;
  }
  const outcome = await deps.groups.approveRequest(group, requesterId);
  if (outcome === 'no-request') throw new AppError('request-not-found', 404, 'No such request');
  if (outcome === 'full') throw new AppError('group-full', 409, 'The group is full');
}
