import { AppError } from '@tutoring-platform/shared';
import type { TutoringDependencies } from '../dependencies';
import { assertTeaches, busyOf, policyOf } from './availability';
import { getActiveTutor } from './manage-tutor-profile';
import { computeSlots, type Slot } from './slots';

const MAX_WINDOW_DAYS = 62;

export async function listOpenSlots(
  deps: TutoringDependencies,
  tutorId: string,
  query: { courseId: string; lengthMinutes: number; from: Date; to: Date },
): Promise<{ timezone: string; slots: Slot[] }> {
  if (query.to <= query.from) throw new AppError('invalid-window', 400, '`to` must be after `from`', { path: 'to' });
  if (query.to.getTime() - query.from.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
    throw new AppError('window-too-long', 400, `Ask for at most ${MAX_WINDOW_DAYS} days at a time`, { path: 'to' });
  }
  const tutor = await getActiveTutor(deps, tutorId);
  assertTeaches(tutor, query.courseId, query.lengthMinutes);
  // Bookings reaching into the window through their buffers, and whole tutor-local days for the daily limit.
  const margin = 2 * 86_400_000;
  const held = await deps.bookings.activeForTutor(
    undefined,
    tutor.userId,
    new Date(query.from.getTime() - margin),
    new Date(query.to.getTime() + margin),
  );
  return {
    timezone: tutor.availability.timezone,
    slots: computeSlots(policyOf(tutor), busyOf(held), { ...query, now: deps.now() }),
  };
}
