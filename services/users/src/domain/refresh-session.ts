import { AppError } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import { accountSuspended } from './log-in';
import { hashSecretToken, newSecretToken } from './secret-tokens';
import { accessFor, openSuccessor, sealSuccessor, type IssuedSession } from './sessions';

const rejected = {
  unknown: () => new AppError('invalid-refresh-token', 401, 'The session is not valid; sign in again'),
  reused: () => new AppError('refresh-token-reused', 401, 'This session was ended for safety; sign in again'),
  expired: () => new AppError('session-expired', 401, 'The session has expired; sign in again'),
  ended: () => new AppError('session-ended', 401, 'This session has ended (signed out, or the password changed); sign in again'),
};

/**
 * Trades a refresh token for a new access token and a new refresh token (the old one is spent). Within the grace
 * window a spent token gets the same successor again, so two tabs refreshing at once both stay signed in.
 */
export async function refreshSession(deps: UsersDependencies, presented: string | undefined): Promise<IssuedSession> {
  if (!presented) throw new AppError('refresh-token-missing', 401, 'There is no session to refresh; sign in');
  let next = newSecretToken();
  const rotation = await deps.sessions.rotate(
    hashSecretToken(presented),
    { hash: hashSecretToken(next), sealed: sealSuccessor(presented, next) },
    deps.sessionPolicy,
  );
  if (rotation.outcome === 'replayed') next = openSuccessor(presented, rotation.successorSealed);
  else if (rotation.outcome !== 'rotated') throw rejected[rotation.outcome]();
  const user = await deps.users.findById(rotation.userId);
  if (!user || user.status !== 'active') {
    await deps.sessions.revokeFamily(rotation.familyId, 'suspension');
    throw accountSuspended();
  }
  return accessFor(deps, user, { refreshToken: next, refreshExpiresAt: rotation.idleExpiresAt, secondFactor: rotation.secondFactor });
}
