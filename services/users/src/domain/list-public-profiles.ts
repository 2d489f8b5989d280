import { AppError } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import type { UserRecord } from '../data/user-repository';

/** Suspended accounts have no public profile. */
export async function getPublicProfile(deps: UsersDependencies, id: string): Promise<UserRecord> {
  const [user] = await deps.users.findActiveByIds([id]);
  if (!user) throw new AppError('profile-not-found', 404, 'No such profile');
  return user;
}

/** Profiles in the order asked for; ids with no active account are left out. */
export async function listPublicProfiles(deps: UsersDependencies, ids: string[]): Promise<UserRecord[]> {
  const found = new Map((await deps.users.findActiveByIds(ids)).map((u) => [u.id, u]));
  return [...new Set(ids)].flatMap((id) => found.get(id) ?? []);
}
