import { AppError } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import { accountSuspended } from './log-in';
import { accessFor, hashRefreshToken, newRefreshToken, type IssuedSession } from './sessions';

const rejected = {
  unknown: () => new AppError('invalid-refresh-token', 401, 'The session is not valid; sign in again'),
  reused: () => new AppError('refresh-token-reused', 401, 'This session was ended for safety; sign in again'),
  expired: () => new AppError('session-expired', 401, 'The session has expired; sign in again'),
};

/** Trades a refresh token for a new access token and a new refresh token (the old one is spent). */
export async function refreshSession(deps: UsersDependencies, presented: string | undefined): Promise<IssuedSession> {
  if (!presented) throw new AppError('refresh-token-missing', 401, 'There is no session to refresh; sign in');
  const next = newRefreshToken();
  const rotation = await deps.sessions.rotate(hashRefreshToken(presented), hashRefreshToken(next), deps.sessionPolicy.idleMs);
  if (rotation.outcome !== 'rotated') throw rejected[rotation.outcome]();
  const user = await deps.users.findById(rotation.userId);
  if (!user || user.status !== 'active') {
    await deps.sessions.revokeFamily(rotation.familyId);
    throw accountSuspended();
  }
  return accessFor(deps, user, next, rotation.idleExpiresAt);
}
