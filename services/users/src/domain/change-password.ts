import { AppError } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import { verifyCredentials } from './log-in';
import { assertAcceptablePassword } from './passwords';
import { hashSecretToken } from './secret-tokens';

/** Sets a new password and ends every other session; the caller's own session (its refresh cookie) survives. */
export async function changePassword(
  deps: UsersDependencies,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  currentRefreshToken: string | undefined,
  clientIp: string,
): Promise<void> {
  const user = await deps.users.findById(userId);
  if (!user) throw new AppError('user-not-found', 404, 'The account no longer exists');
  await verifyCredentials(deps, user.email, input.currentPassword, clientIp);
  assertAcceptablePassword(input.newPassword);
  await deps.users.setPasswordHash(user.id, await deps.passwords.hash(input.newPassword));
  const keep = currentRefreshToken ? await deps.sessions.findFamilyId(hashSecretToken(currentRefreshToken), user.id) : undefined;
  await deps.sessions.revokeAllForUser(user.id, 'password-change', keep);
}
