import { AppError } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import type { UserRecord } from '../data/user-repository';
import { startSession, type IssuedSession } from './sessions';

export const accountSuspended = () => new AppError('account-suspended', 403, 'This account is suspended');

/**
 * Checks a password for an email, throttled per account. Unknown emails and wrong passwords fail alike,
 * in the same time and with the same message, so the answer reveals nothing about which accounts exist.
 */
export async function verifyCredentials(deps: UsersDependencies, email: string, password: string): Promise<UserRecord> {
  const lockedUntil = await deps.loginFailures.lockedUntil(email, deps.loginPolicy.maxFailures);
  if (lockedUntil) {
    const retryAfter = Math.max(1, Math.ceil((lockedUntil.getTime() - Date.now()) / 1000));
    throw new AppError(
      'too-many-attempts',
      429,
      'Too many failed attempts; try again later',
      { retryAfterSeconds: retryAfter },
      {
        'Retry-After': String(retryAfter),
      },
    );
  }
  const user = await deps.users.findByEmail(email);
  const matches = user ? await deps.passwords.verify(user.passwordHash, password) : await deps.passwords.verifyDecoy(password);
  if (!user || !matches) {
    await deps.loginFailures.record(email);
    throw new AppError('invalid-credentials', 401, 'Email or password is incorrect');
  }
  await deps.loginFailures.clear(email);
  return user;
}

export async function logIn(deps: UsersDependencies, input: { email: string; password: string }): Promise<IssuedSession> {
  const user = await verifyCredentials(deps, input.email, input.password);
  if (user.status !== 'active') throw accountSuspended();
  if (deps.passwords.needsRehash(user.passwordHash)) {
    await deps.users.setPasswordHash(user.id, await deps.passwords.hash(input.password));
  }
  return startSession(deps, user);
}
