import { AppError, type AuthUser } from '@tutoring-platform/shared';
import type { AvailabilitySettings } from '../data/tutor-repository';
import type { TutoringDependencies } from '../dependencies';
import { assertTeaches, busyOf, policyOf } from './availability';
import { getActiveTutor } from './manage-tutor-profile';
import { computeSlots, type Slot } from './slots';

const MAX_WINDOW_DAYS = 62;
const PREVIEW_DAYS = 7;
const DAY_MS = 86_400_000;

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
  const margin = 2 * DAY_MS;
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

/**
 * The slots students would see in the coming week if the tutor saved these hours and rules: the tutor's bookings
 * count, nothing is stored. Courses play no part (every approved course shares the hours).
 */
export async function previewOpenSlots(
  deps: TutoringDependencies,
  user: AuthUser,
  settings: AvailabilitySettings,
  lengthMinutes: number,
): Promise<{ timezone: string; slots: Slot[] }> {
  const tutor = await deps.tutors.findById(user.id);
  if (!tutor) throw new AppError('not-a-tutor', 404, 'Create your tutor profile first');
  const now = deps.now();
  const to = new Date(now.getTime() + PREVIEW_DAYS * DAY_MS);
  const held = await deps.bookings.activeForTutor(
    undefined,
    tutor.userId,
    new Date(now.getTime() - 2 * DAY_MS),
    new Date(to.getTime() + 2 * DAY_MS),
  );
  return {
    timezone: settings.timezone,
    slots: computeSlots(policyOf({ ...tutor, availability: settings }), busyOf(held), { from: now, to, lengthMinutes, now }),
  };
}
