// Confirming email addresses: a link at sign-up (and again on request), and a change of email that takes effect
// only when the new address confirms it, while the current address is told.
import { AppError } from '@tutoring-platform/shared';
import type { Queryable } from '@tutoring-platform/postgres';
import type { UsersDependencies } from '../dependencies';
import type { UserRecord } from '../data/user-repository';
import { verifyCredentials } from './log-in';
import { hashSecretToken, newSecretToken } from './secret-tokens';

export const VERIFICATION_VALID_HOURS = 24;

const tooManyEmails = () =>
  new AppError('too-many-emails', 429, 'We sent several links already; use the newest one, or ask again later', undefined, {
    'Retry-After': '3600',
  });

/** Emails a link that confirms `email` for the account; false when the account has had its share of links. */
export function sendVerificationLink(deps: UsersDependencies, userId: string, email: string, q?: Queryable): Promise<boolean> {
  const raw = newSecretToken();
  return deps.emailVerifications.issue(userId, email, { raw, hash: hashSecretToken(raw) }, VERIFICATION_VALID_HOURS * 60, q);
}

const accountOf = async (deps: UsersDependencies, userId: string): Promise<UserRecord> => {
  const user = await deps.users.findById(userId);
  if (!user) throw new AppError('user-not-found', 404, 'The account no longer exists');
  return user;
};

export async function resendVerificationLink(deps: UsersDependencies, userId: string): Promise<void> {
  const user = await accountOf(deps, userId);
  if (user.emailVerified) throw new AppError('email-already-verified', 409, 'This email is confirmed already');
  if (!(await sendVerificationLink(deps, user.id, user.email))) throw tooManyEmails();
}

/** The password is checked (throttled like a sign-in); the new address gets the link, the current one a notice. */
export async function requestEmailChange(
  deps: UsersDependencies,
  userId: string,
  input: { email: string; password: string },
  clientIp: string,
): Promise<void> {
  const user = await accountOf(deps, userId);
  await verifyCredentials(deps, user.email, input.password, clientIp);
  if (input.email === user.email) throw new AppError('email-unchanged', 400, 'This is already your email');
  if (await deps.users.findByEmail(input.email)) throw new AppError('email-taken', 409, 'An account with this email already exists');
  if (!(await sendVerificationLink(deps, user.id, input.email))) throw tooManyEmails();
}

/** Follows a link: the address it was sent to becomes the account's confirmed email. */
export async function verifyEmail(deps: UsersDependencies, token: string): Promise<UserRecord> {
  return deps.transaction(async (tx) => {
    const link = await deps.emailVerifications.redeem(tx, hashSecretToken(token));
    if (!link) throw new AppError('verification-link-invalid', 400, 'This link is not valid any more; ask for a new one');
    const user = await deps.users.confirmEmail(link.userId, link.email, tx);
    if (!user) throw new AppError('user-not-found', 404, 'The account no longer exists');
    return user;
  });
}
