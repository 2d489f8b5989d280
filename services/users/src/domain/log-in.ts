import { AppError } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import type { UserRecord } from '../data/user-repository';
import { hashSecretToken, newSecretToken } from './secret-tokens';
import { startSession, type IssuedSession } from './sessions';

export const accountSuspended = () => new AppError('account-suspended', 403, 'This account is suspended');

export const CHALLENGE_VALID_SECONDS = 300;

/** What the second step of a sign-in presents, for an account with two-step sign-in. */
export interface SecondStepChallenge {
  challenge: string;
  expiresIn: number;
}

async function challengeFor(deps: UsersDependencies, user: UserRecord): Promise<SecondStepChallenge> {
  const challenge = newSecretToken();
  await deps.twoFactor.createChallenge(hashSecretToken(challenge), user.id, CHALLENGE_VALID_SECONDS);
  return { challenge, expiresIn: CHALLENGE_VALID_SECONDS };
}

/**
 * Takes this attempt's place in the count of each key (account, client address) before anything is checked, so
 * parallel guesses cannot slip past a limit; throws `too-many-attempts` when a key is over its limit.
 */
export async function throttled(deps: UsersDependencies, limits: Record<string, number>): Promise<void> {
  const over = (await deps.loginAttempts.count(Object.keys(limits))).filter((c) => c.attempts > limits[c.key]!);
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
}

/**
 * Checks a password for an email, throttled per account and per client address. Unknown emails and wrong passwords
 * fail alike, in the same time and with the same message, so the answer reveals nothing about which accounts exist.
 */
export async function verifyCredentials(deps: UsersDependencies, email: string, password: string, clientIp: string): Promise<UserRecord> {
  const account = `email:${email}`;
  const client = `ip:${clientIp}`;
  await throttled(deps, { [account]: deps.loginPolicy.maxFailuresPerAccount, [client]: deps.loginPolicy.maxFailuresPerClient });
  const user = await deps.users.findByEmail(email);
  const matches = user ? await deps.passwords.verify(user.passwordHash, password) : await deps.passwords.verifyDecoy(password);
  if (!user || !matches) throw new AppError('invalid-credentials', 401, 'Email or password is incorrect');
  await deps.loginAttempts.succeeded(account, client);
  return user;
}

/** A session, or, for an account with two-step sign-in, the challenge its second step answers. */
export async function logIn(
  deps: UsersDependencies,
  input: { email: string; password: string },
  clientIp: string,
): Promise<IssuedSession | SecondStepChallenge> {
  const user = await verifyCredentials(deps, input.email, input.password, clientIp);
  if (user.status !== 'active') throw accountSuspended();
  if (deps.passwords.needsRehash(user.passwordHash)) {
    await deps.users.setPasswordHash(user.id, await deps.passwords.hash(input.password));
  }
  return user.twoFactorEnabled ? challengeFor(deps, user) : startSession(deps, user);
}
