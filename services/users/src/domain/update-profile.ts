import { AppError } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import type { ProfileChanges, UserRecord } from '../data/user-repository';

const gone = (): never => {
  throw new AppError('user-not-found', 404, 'The account no longer exists');
};

export async function getOwnAccount(deps: UsersDependencies, userId: string): Promise<UserRecord> {
  return (await deps.users.findById(userId)) ?? gone();
}

export async function updateProfile(deps: UsersDependencies, userId: string, changes: ProfileChanges): Promise<UserRecord> {
  return (await deps.users.updateProfile(userId, changes)) ?? gone();
}
