// Turns a tutor's stored settings into the slot computation's policy, and re-checks a requested session
// against every rule on the server: the client's idea of a slot is never trusted.
import { DateTime } from 'luxon';
import { type Queryable } from '@tutoring-platform/postgres';
import { AppError } from '@tutoring-platform/shared';
import type { TutoringDependencies } from '../dependencies';
import type { BookingRecord } from '../data/booking-repository';
import type { TutorRecord } from '../data/tutor-repository';
import { computeSlots, type AvailabilityPolicy, type BusyBooking } from './slots';

export const policyOf = (tutor: TutorRecord): AvailabilityPolicy => ({
  ...tutor.availability,
  timeOff: tutor.availability.timeOff.map((t) => ({ start: new Date(t.start), end: new Date(t.end) })),
});

export const busyOf = (bookings: BookingRecord[]): BusyBooking[] =>
  bookings.map((b) => ({ start: b.start, blocked: { start: b.blockedStart, end: b.blockedEnd } }));

export function assertTeaches(tutor: TutorRecord, courseId: string, lengthMinutes: number): void {
  if (!tutor.courses.some((c) => c.courseId === courseId && c.status === 'approved')) {
    throw new AppError('course-not-offered', 422, 'This tutor does not offer that course');
  }
  if (!tutor.sessionLengths.includes(lengthMinutes)) {
    throw new AppError('length-not-offered', 422, `This tutor offers sessions of ${tutor.sessionLengths.join(', ')} minutes`);
  }
}

export interface RequestedSession {
  studentId: string;
  start: Date;
  lengthMinutes: number;
}

/**
 * Checks the session against the tutor's rules (hours, overrides, time off, notice, horizon), the bookings
 * already held (buffers, daily limit) and the student's weekly cap. Runs under the tutor's lock.
 * `replacing` is a booking being rescheduled: its own time does not count against the new one.
 */
export async function assertBookable(
  deps: TutoringDependencies,
  tx: Queryable,
  tutor: TutorRecord,
  session: RequestedSession,
  replacing?: BookingRecord,
): Promise<void> {
  const policy = policyOf(tutor);
  const end = new Date(session.start.getTime() + session.lengthMinutes * 60_000);
  const query = { from: session.start, to: new Date(session.start.getTime() + 1), lengthMinutes: session.lengthMinutes, now: deps.now() };
  const offered = (busy: BusyBooking[]) => computeSlots(policy, busy, query).some((s) => s.start.getTime() === session.start.getTime());
  if (!offered([])) {
    throw new AppError('slot-unavailable', 422, 'The tutor does not offer that time (outside their hours, notice or booking horizon)');
  }
  const dayStart = DateTime.fromJSDate(session.start, { zone: policy.timezone }).startOf('day');
  const held = await deps.bookings.activeForTutor(
    tx,
    tutor.userId,
    new Date(Math.min(dayStart.toMillis(), session.start.getTime() - 24 * 3_600_000)),
    new Date(Math.max(dayStart.plus({ days: 1 }).toMillis(), end.getTime() + 24 * 3_600_000)),
    replacing?.id,
  );
  if (!offered(busyOf(held))) throw new AppError('slot-taken', 409, 'That time is no longer available');

  const cap = tutor.availability.studentWeeklyCapMinutes;
  if (cap !== null) {
    const week = DateTime.fromJSDate(session.start, { zone: policy.timezone }).startOf('week');
    const used = await deps.bookings.studentMinutesWithTutor(
      tx,
      session.studentId,
      tutor.userId,
      week.toJSDate(),
      week.plus({ weeks: 1 }).toJSDate(),
      replacing?.id,
    );
    if (used + session.lengthMinutes > cap) {
      throw new AppError('weekly-cap-reached', 422, `You can book at most ${cap / 60} hours a week with this tutor`, {
        usedMinutes: used,
        capMinutes: cap,
      });
    }
  }
}
