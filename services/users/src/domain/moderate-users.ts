import { AppError, pageOf } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import type { UserRecord, UserSearch } from '../data/user-repository';

const notFound = (): never => {
  throw new AppError('user-not-found', 404, 'No such user');
};

export async function searchUsers(deps: UsersDependencies, search: UserSearch) {
  const rows = await deps.users.search({ ...search, limit: search.limit + 1 });
  return pageOf(rows, search.limit, (last: UserRecord) => ({ createdAt: last.createdAt.toISOString(), id: last.id }));
}

/** A suspended user is signed out everywhere at once, can neither log in nor refresh, and loses their upcoming sessions. */
export async function suspendUser(deps: UsersDependencies, adminId: string, userId: string, reason: string): Promise<UserRecord> {
  const target = (await deps.users.findById(userId)) ?? notFound();
  if (target.id === adminId || target.role === 'admin') {
    throw new AppError('cannot-suspend-admin', 409, 'Administrators cannot be suspended here');
  }
  // One transaction: the tutoring service hears of the suspension exactly when it happened, and then cancels the
  // account's upcoming sessions (services/tutoring/src/domain/account-events.ts).
  return deps.transaction(async (tx) => {
    const suspended = (await deps.users.setStatus(userId, 'suspended', reason, tx)) ?? notFound();
    await deps.sessions.revokeAllForUser(userId, 'suspension', undefined, tx);
    await deps.outbox.add(tx, { destination: 'tutoring', key: userId, type: 'account-suspended', data: { userId } });
    return suspended;
  });
}

export async function reinstateUser(deps: UsersDependencies, userId: string): Promise<UserRecord> {
  return (await deps.users.setStatus(userId, 'active', null)) ?? notFound();
}

/** Accounts suspended recently enough that access tokens issued before may still be around: for every service. */
export const listRevocations = (deps: UsersDependencies) => deps.users.suspendedSince(deps.revocations.withinMs);
