import { AppError } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import type { UserRecord } from '../data/user-repository';
import { startSession, type IssuedSession } from './sessions';

export const accountSuspended = () => new AppError('account-suspended', 403, 'This account is suspended');

/**
 * Checks a password for an email, throttled per account and per client address. The attempt is counted before the
 * password is checked, so parallel guesses cannot slip past the limit. Unknown emails and wrong passwords fail
 * alike, in the same time and with the same message, so the answer reveals nothing about which accounts exist.
 */
export async function verifyCredentials(deps: UsersDependencies, email: string, password: string, clientIp: string): Promise<UserRecord> {
  const account = `email:${email}`;
  const client = `ip:${clientIp}`;
  const limits: Record<string, number> = {
    [account]: deps.loginPolicy.maxFailuresPerAccount,
    [client]: deps.loginPolicy.maxFailuresPerClient,
  };
  const over = (await deps.loginAttempts.count([account, client])).filter((c) => c.attempts > limits[c.key]!);
  if (over.length > 0) {
    const until = Math.max(...over.map((c) => c.windowEndsAt.getTime()));
    const retryAfter = Math.max(1, Math.ceil((until - Date.now()) / 1000));
    throw new AppError(
      'too-many-attempts',
      429,
      'Too many failed attempts; try again later',
      { retryAfterSeconds: retryAfter },
      { 'Retry-After': String(retryAfter) },
    );
  }
  const user = await deps.users.findByEmail(email);
  const matches = user ? await deps.passwords.verify(user.passwordHash, password) : await deps.passwords.verifyDecoy(password);
  if (!user || !matches) throw new AppError('invalid-credentials', 401, 'Email or password is incorrect');
  await deps.loginAttempts.succeeded(account, client);
  return user;
}

export async function logIn(deps: UsersDependencies, input: { email: string; password: string }, clientIp: string): Promise<IssuedSession> {
  const user = await verifyCredentials(deps, input.email, input.password, clientIp);
  if (user.status !== 'active') throw accountSuspended();
  if (deps.passwords.needsRehash(user.passwordHash)) {
    await deps.users.setPasswordHash(user.id, await deps.passwords.hash(input.password));
  }
  return startSession(deps, user);
}
