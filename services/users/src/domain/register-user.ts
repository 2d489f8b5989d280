import { AppError } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import { assertAcceptablePassword } from './passwords';
import { startSession, type IssuedSession } from './sessions';
import { sendVerificationLink } from './verify-email';

export interface Registration {
  email: string;
  password: string;
  displayName: string;
  timezone: string;
}

export async function registerUser(deps: UsersDependencies, input: Registration): Promise<IssuedSession> {
  assertAcceptablePassword(input.password);
  if (await deps.users.findByEmail(input.email)) throw new AppError('email-taken', 409, 'An account with this email already exists');
  const passwordHash = await deps.passwords.hash(input.password);
  const user = await deps.transaction(async (tx) => {
    const created = await deps.users.create(
      { email: input.email, passwordHash, displayName: input.displayName, timezone: input.timezone, role: 'student' },
      tx,
    );
    await sendVerificationLink(deps, created.id, created.email, tx);
    return created;
  });
  return startSession(deps, user);
}
