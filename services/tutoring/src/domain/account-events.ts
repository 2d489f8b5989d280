// What the users service tells tutoring about accounts, through its outbox: a suspended account's upcoming
// sessions, as tutor or as student, are cancelled with the reason recorded (and their group meetings follow).
import { Inbox } from '@tutoring-platform/postgres';
import { AppError } from '@tutoring-platform/shared';
import type { TutoringDependencies } from '../dependencies';

export const SUSPENSION_REASON = 'An account in this session was suspended';

export interface AccountSuspended {
  id: number;
  userId: string;
}

/** Applies the event once, however often it arrives: the inbox record and the cancellations share a transaction. */
export async function applyAccountSuspended(deps: TutoringDependencies, caller: string, event: AccountSuspended) {
  if (caller !== 'users') throw new AppError('forbidden', 403, 'Only the users service reports suspensions');
  return deps.transaction(async (tx) => {
    if (!(await Inbox.firstDelivery(tx, caller, event.id))) return { applied: false, cancelled: 0 };
    const cancelled = await deps.bookings.cancelUpcomingOf(tx, event.userId, SUSPENSION_REASON);
    return { applied: true, cancelled: cancelled.length };
  });
}
