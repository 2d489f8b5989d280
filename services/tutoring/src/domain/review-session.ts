// Reviews: only the student of a completed session writes one, once, editable for 14 days; the tutor may reply.
import { AppError, pageOf, type AuthUser } from '@tutoring-platform/shared';
import type { TutoringDependencies } from '../dependencies';
import type { BookingRecord } from '../data/booking-repository';
import type { ReviewRecord } from '../data/review-repository';
import { getBooking } from './manage-booking';

const EDIT_WINDOW_MS = 14 * 86_400_000;
/** How long after a session its student is asked for a review. */
const ASK_WINDOW_MS = 30 * 86_400_000;
const MAX_ASKED = 10;

/** The sessions the student attended lately and has not reviewed: what the web app asks them about. */
export async function listAwaitingReview(deps: TutoringDependencies, user: AuthUser): Promise<BookingRecord[]> {
  return deps.bookings.awaitingReview(user.id, new Date(deps.now().getTime() - ASK_WINDOW_MS), MAX_ASKED);
}

export async function reviewSession(
  deps: TutoringDependencies,
  user: AuthUser,
  bookingId: string,
  review: { rating: number; text: string },
): Promise<ReviewRecord> {
  const booking = await getBooking(deps, user, bookingId);
  if (booking.studentId !== user.id) throw new AppError('student-only', 403, 'Only the student of this session can review it');
  if (booking.status !== 'completed') throw new AppError('session-not-completed', 409, 'Only completed sessions can be reviewed');
  return deps.reviews.create({
    bookingId,
    tutorId: booking.tutorId,
    studentId: user.id,
    courseId: booking.courseId,
    rating: review.rating,
    body: review.text,
  });
}

export async function editReview(
  deps: TutoringDependencies,
  user: AuthUser,
  bookingId: string,
  review: { rating: number; text: string },
): Promise<ReviewRecord> {
  const existing = await deps.reviews.findByBooking(bookingId);
  if (!existing || existing.studentId !== user.id) throw new AppError('review-not-found', 404, 'No such review');
  if (deps.now().getTime() - existing.createdAt.getTime() > EDIT_WINDOW_MS) {
    throw new AppError('review-locked', 409, 'Reviews can be edited for 14 days after they are written');
  }
  return deps.reviews.update(bookingId, { rating: review.rating, body: review.text });
}

export async function replyToReview(deps: TutoringDependencies, user: AuthUser, bookingId: string, reply: string): Promise<ReviewRecord> {
  const existing = await deps.reviews.findByBooking(bookingId);
  if (!existing || (existing.tutorId !== user.id && existing.studentId !== user.id))
    throw new AppError('review-not-found', 404, 'No such review');
  if (existing.tutorId !== user.id) throw new AppError('tutor-only', 403, 'Only the tutor can reply');
  return deps.reviews.reply(bookingId, reply);
}

export async function listTutorReviews(
  deps: TutoringDependencies,
  tutorId: string,
  limit: number,
  after?: { createdAt: string; bookingId: string },
) {
  const rows = await deps.reviews.listForTutor(tutorId, limit + 1, after);
  const page = pageOf(rows, limit, (last: ReviewRecord) => ({ createdAt: last.createdAt.toISOString(), bookingId: last.bookingId }));
  return { ...page, summary: await deps.reviews.summaryForTutor(tutorId) };
}
