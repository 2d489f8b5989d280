// A booking's life after it is made: reading, answering, cancelling, completing, notes. Only its student and
// its tutor can see or change it; to anyone else it does not exist.
import { AppError, pageOf, type AuthUser } from '@tutoring-platform/shared';
import type { TutoringDependencies } from '../dependencies';
import type { BookingListFilter, BookingRecord, BookingStatus } from '../data/booking-repository';
import { assertBeforeCancellationWindow, bookingNotFound } from './book-session';

export async function getBooking(deps: TutoringDependencies, user: AuthUser, id: string): Promise<BookingRecord> {
  const booking = await deps.bookings.findById(id);
  if (!booking || (booking.studentId !== user.id && booking.tutorId !== user.id)) throw bookingNotFound();
  return booking;
}

async function asTutor(deps: TutoringDependencies, user: AuthUser, id: string): Promise<BookingRecord> {
  const booking = await getBooking(deps, user, id);
  if (booking.tutorId !== user.id) throw new AppError('tutor-only', 403, 'Only the tutor can do this');
  return booking;
}

async function move(
  deps: TutoringDependencies,
  booking: BookingRecord,
  from: BookingStatus[],
  to: BookingStatus,
  extra = {},
): Promise<BookingRecord> {
  const moved = await deps.bookings.withTutorLock(booking.tutorId, (tx) =>
    deps.bookings.transition(tx, booking.id, from, to, deps.now(), extra),
  );
  if (!moved) {
    const now = (await deps.bookings.findById(booking.id))!;
    throw new AppError('invalid-transition', 409, `A ${now.status} booking cannot become ${to}`, { status: now.status });
  }
  return moved;
}

export async function confirmBooking(deps: TutoringDependencies, user: AuthUser, id: string): Promise<BookingRecord> {
  return move(deps, await asTutor(deps, user, id), ['pending'], 'confirmed');
}

export async function declineBooking(
  deps: TutoringDependencies,
  user: AuthUser,
  id: string,
  reason: string | null,
): Promise<BookingRecord> {
  return move(deps, await asTutor(deps, user, id), ['pending'], 'declined', { cancelReason: reason });
}

/** Students cancel until the tutor's cancellation window; tutors at any time before the start, with a reason. */
export async function cancelBooking(deps: TutoringDependencies, user: AuthUser, id: string, reason: string | null): Promise<BookingRecord> {
  const booking = await getBooking(deps, user, id);
  if (booking.start.getTime() <= deps.now().getTime())
    throw new AppError('session-started', 409, 'A session that has started cannot be cancelled');
  if (booking.tutorId === user.id) {
    if (!reason) throw new AppError('reason-required', 400, 'Tell the student why you cancel', { path: 'reason' });
    return move(deps, booking, ['pending', 'confirmed'], 'cancelled', { cancelledBy: 'tutor', cancelReason: reason });
  }
  const tutor = (await deps.tutors.findById(booking.tutorId))!;
  assertBeforeCancellationWindow(deps, tutor, booking);
  return move(deps, booking, ['pending', 'confirmed'], 'cancelled', { cancelledBy: 'student', cancelReason: reason });
}

/** Once a confirmed session has started, the tutor records how it went. */
export async function recordOutcome(
  deps: TutoringDependencies,
  user: AuthUser,
  id: string,
  outcome: 'completed' | 'no_show',
): Promise<BookingRecord> {
  const booking = await asTutor(deps, user, id);
  if (booking.start.getTime() > deps.now().getTime()) throw new AppError('session-not-started', 409, 'The session has not started yet');
  return move(deps, booking, ['confirmed'], outcome);
}

export async function writeSessionNotes(deps: TutoringDependencies, user: AuthUser, id: string, notes: string): Promise<BookingRecord> {
  await asTutor(deps, user, id);
  return (await deps.bookings.setNotes(id, notes))!;
}

export async function listBookings(deps: TutoringDependencies, filter: BookingListFilter) {
  const rows = await deps.bookings.list({ ...filter, limit: filter.limit + 1 });
  return pageOf(rows, filter.limit, (last: BookingRecord) => ({ start: last.start.toISOString(), id: last.id }));
}
