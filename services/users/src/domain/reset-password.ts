// Forgotten passwords: a 256-bit link by email, stored hashed, good for 30 minutes and once; using it sets the new
// password and ends every session. Asking answers the same, in about the same time, whether or not the email exists.
import { AppError } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import { assertAcceptablePassword } from './passwords';
import { hashSecretToken, newSecretToken } from './secret-tokens';

export const RESET_VALID_MINUTES = 30;

export async function requestPasswordReset(deps: UsersDependencies, email: string): Promise<void> {
  const raw = newSecretToken();
  await deps.passwordResets.issue(email, { raw, hash: hashSecretToken(raw) }, RESET_VALID_MINUTES);
}

export async function resetPassword(deps: UsersDependencies, token: string, newPassword: string): Promise<void> {
  assertAcceptablePassword(newPassword);
  const passwordHash = await deps.passwords.hash(newPassword);
  await deps.transaction(async (tx) => {
    const userId = await deps.passwordResets.redeem(tx, hashSecretToken(token));
    if (!userId) throw new AppError('reset-link-invalid', 400, 'This reset link is not valid any more; ask for a new one');
    await deps.users.setPasswordHash(userId, passwordHash, tx);
    await deps.sessions.revokeAllForUser(userId, 'password-reset', undefined, tx);
  });
}
