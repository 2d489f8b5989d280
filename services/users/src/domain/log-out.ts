import type { UsersDependencies } from '../dependencies';
import { hashSecretToken } from './secret-tokens';

/** Ends the session the refresh token belongs to; logging out twice is not an error. */
export async function logOut(deps: UsersDependencies, presented: string | undefined): Promise<void> {
  if (!presented) return;
  const familyId = await deps.sessions.findFamilyId(hashSecretToken(presented));
  if (familyId) await deps.sessions.revokeFamily(familyId, 'logout');
}

export async function logOutEverywhere(deps: UsersDependencies, userId: string): Promise<void> {
  await deps.sessions.revokeAllForUser(userId, 'logout');
}
