import { AppError } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';

/** The first administrator comes from configuration; nobody can register as one. */
export async function ensureAdmin(deps: UsersDependencies, admin: { email: string; password: string }): Promise<'created' | 'exists'> {
  const email = admin.email.trim().toLowerCase();
  if (await deps.users.findByEmail(email)) return 'exists';
  try {
    await deps.users.create({
      email,
      passwordHash: await deps.passwords.hash(admin.password),
      displayName: 'Administrator',
      timezone: 'UTC',
      role: 'admin',
      emailVerified: true,
    });
    return 'created';
  } catch (err) {
    // Two tasks starting together: the other one created it.
    if (err instanceof AppError && err.code === 'email-taken') return 'exists';
    throw err;
  }
}
