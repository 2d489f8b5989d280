// Finding a meeting time: each member marks their weekly free time on the group's page, and everyone sees where
// it overlaps on their own coming week, with the best windows first. Only current members count, and only
// counts are shown: who is free when stays private.
import type { AuthUser } from '@tutoring-platform/shared';
import type { GroupsDependencies } from '../dependencies';
import type { FreeRange, FreeTimeRecord } from '../data/free-time-repository';
import { bestTimes, overlapWeek, type BestTime, type OverlapDay } from './free-time-overlap';
import { memberAccess } from './group-access';

export async function getMyFreeTime(deps: GroupsDependencies, user: AuthUser, groupId: string): Promise<FreeTimeRecord | null> {
  await memberAccess(deps, groupId, user);
  return (await deps.freeTime.find(groupId, user.id)) ?? null;
}

export async function saveMyFreeTime(
  deps: GroupsDependencies,
  user: AuthUser,
  groupId: string,
  free: { timezone: string; weekly: FreeRange[] },
): Promise<FreeTimeRecord> {
  await memberAccess(deps, groupId, user);
  return deps.freeTime.save(groupId, { userId: user.id, ...free, updatedAt: new Date().toISOString() });
}

export interface GroupOverlap {
  timezone: string;
  members: number;
  /** Members who have marked their free time. */
  answered: number;
  days: OverlapDay[];
  best: BestTime[];
}

export async function groupOverlap(
  deps: GroupsDependencies,
  user: AuthUser,
  groupId: string,
  viewer: { timezone: string; lengthMinutes: number },
): Promise<GroupOverlap> {
  await memberAccess(deps, groupId, user);
  const [members, marked] = await Promise.all([deps.groups.members(groupId), deps.freeTime.forGroup(groupId)]);
  const current = new Set(members.map((m) => m.userId));
  const counted = marked.filter((f) => current.has(f.userId));
  const now = new Date();
  const days = overlapWeek(counted, viewer.timezone, now);
  return {
    timezone: viewer.timezone,
    members: members.length,
    answered: counted.length,
    days,
    best: bestTimes(days, now, viewer.lengthMinutes),
  };
}
