// Booking and rescheduling a session: idempotent, re-checked on the server, atomic per tutor.
import { createHash } from 'node:crypto';
import { AppError, type AuthUser } from '@tutoring-platform/shared';
import type { TutoringDependencies } from '../dependencies';
import type { BookingRecord, SessionMode } from '../data/booking-repository';
import type { TutorRecord } from '../data/tutor-repository';
import { assertBookable, assertTeaches } from './availability';
import { assertTutorActive, getTutor } from './manage-tutor-profile';

export interface BookingRequest {
  tutorId: string;
  courseId: string;
  start: Date;
  lengthMinutes: number;
  mode: SessionMode;
  message: string;
  seats: number;
  groupId: string | null;
}

/** Only successes are stored, so a replay always answers 201 with the original body. */
export interface BookingOutcome {
  body: unknown;
  replayed: boolean;
}

const MINUTE = 60_000;

function assertSessionShape(tutor: TutorRecord, studentId: string, request: Pick<BookingRequest, 'mode' | 'seats' | 'groupId'>): void {
  if (tutor.userId === studentId) throw new AppError('cannot-book-self', 422, 'You cannot book a session with yourself');
  if ((request.mode === 'online' && !tutor.offersOnline) || (request.mode === 'in_person' && !tutor.offersInPerson)) {
    throw new AppError('mode-not-offered', 422, `This tutor does not offer ${request.mode === 'online' ? 'online' : 'in-person'} sessions`);
  }
  if (request.seats > 1 && !request.groupId)
    throw new AppError('group-required', 422, 'A session for several seats must name its study group');
  if (request.seats > tutor.maxGroupSize) {
    throw new AppError('group-too-large', 422, `This tutor takes groups of at most ${tutor.maxGroupSize}`, {
      maxGroupSize: tutor.maxGroupSize,
    });
  }
}

/** A group session is booked by the group's owner or a moderator, for a real, active group: groups decides. */
async function assertManagesGroup(deps: TutoringDependencies, token: string, groupId: string): Promise<void> {
  const standing = await deps.groupSessions.standingIn(token, groupId);
  if (standing === 'not-found') throw new AppError('group-not-found', 422, 'There is no such study group', { path: 'groupId' });
  if (standing === 'archived') throw new AppError('group-archived', 409, 'The study group is archived');
  if (standing === 'not-manager') throw new AppError('group-managers-only', 403, 'Only the group’s owner and moderators book for it');
}

/** Pending requests wait for the tutor, but never past the session's start. */
const expiryFor = (deps: TutoringDependencies, tutor: TutorRecord, start: Date): Date | null =>
  tutor.autoAccept ? null : new Date(Math.min(deps.now().getTime() + deps.pendingExpiryHours * 3_600_000, start.getTime()));

const requestHash = (request: BookingRequest): Buffer =>
  createHash('sha256')
    .update(JSON.stringify({ ...request, start: request.start.toISOString() }))
    .digest();

/**
 * Books a session. The same Idempotency-Key within 24 h replays the first success; with a different payload it
 * is refused. Concurrent duplicates are serialised by the tutor's lock, so only one booking is ever created.
 */
export async function bookSession(
  deps: TutoringDependencies,
  student: AuthUser & { token: string },
  request: BookingRequest,
  idempotencyKey: string,
  present: (booking: BookingRecord) => unknown,
): Promise<BookingOutcome> {
  const hash = requestHash(request);
  await assertTutorActive(deps, request.tutorId);
  if (request.groupId) await assertManagesGroup(deps, student.token, request.groupId);
  return deps.bookings.withTutorLock(request.tutorId, async (tx) => {
    const stored = await deps.bookings.findStoredResponse(tx, student.id, idempotencyKey);
    if (stored) {
      if (!stored.requestHash.equals(hash)) throw keyReused();
      return { body: stored.response, replayed: true };
    }
    const tutor = await getTutor(deps, request.tutorId, tx);
    assertTeaches(tutor, request.courseId, request.lengthMinutes);
    assertSessionShape(tutor, student.id, request);
    await assertBookable(deps, tx, tutor, { studentId: student.id, start: request.start, lengthMinutes: request.lengthMinutes });
    const booking = await deps.bookings.insert(tx, {
      ...newBookingTimes(tutor, request.start, request.lengthMinutes),
      tutorId: tutor.userId,
      studentId: student.id,
      courseId: request.courseId,
      groupId: request.groupId,
      seats: request.seats,
      status: tutor.autoAccept ? 'confirmed' : 'pending',
      mode: request.mode,
      message: request.message,
      expiresAt: expiryFor(deps, tutor, request.start),
      rescheduledFrom: null,
    });
    const body = present(booking);
    // A concurrent request with the same key for another tutor stored first: this one must not stand.
    if (!(await deps.bookings.storeResponse(tx, student.id, idempotencyKey, { requestHash: hash, statusCode: 201, response: body })))
      throw keyReused();
    return { body, replayed: false };
  });
}

const keyReused = () => new AppError('idempotency-key-reused', 422, 'This Idempotency-Key was already used for a different request');

function newBookingTimes(tutor: TutorRecord, start: Date, lengthMinutes: number) {
  const end = new Date(start.getTime() + lengthMinutes * MINUTE);
  return {
    start,
    end,
    blockedStart: new Date(start.getTime() - tutor.availability.bufferBeforeMinutes * MINUTE),
    blockedEnd: new Date(end.getTime() + tutor.availability.bufferAfterMinutes * MINUTE),
  };
}

/**
 * Moves a booking to a new time in one transaction: the old booking is cancelled and the new one inserted
 * together, so the old time is released only if the new one was taken.
 */
export async function rescheduleBooking(
  deps: TutoringDependencies,
  user: AuthUser,
  bookingId: string,
  change: { start: Date; lengthMinutes?: number | undefined },
): Promise<BookingRecord> {
  const original = await deps.bookings.findById(bookingId);
  if (!original || (original.studentId !== user.id && original.tutorId !== user.id)) throw bookingNotFound();
  return deps.bookings.withTutorLock(original.tutorId, async (tx) => {
    const current = (await deps.bookings.findById(bookingId, tx))!;
    if (current.status !== 'confirmed' && current.status !== 'pending') {
      throw new AppError('booking-not-active', 409, `A ${current.status} booking cannot be rescheduled`);
    }
    const byStudent = current.studentId === user.id;
    const tutor = await getTutor(deps, current.tutorId, tx);
    if (byStudent) assertBeforeCancellationWindow(deps, tutor, current);
    const lengthMinutes = change.lengthMinutes ?? Math.round((current.end.getTime() - current.start.getTime()) / MINUTE);
    assertTeaches(tutor, current.courseId, lengthMinutes);
    await assertBookable(deps, tx, tutor, { studentId: current.studentId, start: change.start, lengthMinutes }, current);
    return deps.bookings.replace(tx, current.id, byStudent ? 'student' : 'tutor', {
      ...newBookingTimes(tutor, change.start, lengthMinutes),
      tutorId: current.tutorId,
      studentId: current.studentId,
      courseId: current.courseId,
      groupId: current.groupId,
      seats: current.seats,
      // A tutor's own move stands; a student's move needs the tutor's yes unless they auto-accept.
      status: byStudent && !tutor.autoAccept ? 'pending' : 'confirmed',
      mode: current.mode,
      message: current.message,
      expiresAt: byStudent ? expiryFor(deps, tutor, change.start) : null,
    });
  });
}

export const bookingNotFound = () => new AppError('booking-not-found', 404, 'No such booking');

/** Students may cancel or move a session only until the tutor's cancellation window opens. */
export function assertBeforeCancellationWindow(deps: TutoringDependencies, tutor: TutorRecord, booking: BookingRecord): void {
  if (booking.status === 'pending') return;
  const deadline = booking.start.getTime() - tutor.cancellationWindowHours * 3_600_000;
  if (deps.now().getTime() > deadline) {
    throw new AppError(
      'cancellation-window-passed',
      409,
      `Sessions can be changed up to ${tutor.cancellationWindowHours} hours before they start`,
      {
        deadline: new Date(deadline).toISOString(),
      },
    );
  }
}
