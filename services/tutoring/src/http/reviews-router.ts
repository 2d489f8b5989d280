// Reviews of completed sessions, the tutor's replies, and rating aggregates per tutor and per course.
import { z } from 'zod';
import { cursorSchema, encodeCursor, type Api, text } from '@tutoring-platform/shared';
import type { TutoringDependencies } from '../dependencies';
import type { ReviewRecord } from '../data/review-repository';
import { editReview, listAwaitingReview, listTutorReviews, replyToReview, reviewSession } from '../domain/review-session';
import { bookingSchema, bookingView } from './views';

const ratingSchema = z.object({ average: z.number().nullable(), count: z.number().int() }).meta({ id: 'Rating' });

/** Reviews are public: they name the session's tutor and course, never the student. */
const reviewSchema = z
  .object({
    bookingId: z.uuid(),
    tutorId: z.uuid(),
    courseId: z.uuid(),
    rating: z.number().int(),
    text: z.string(),
    reply: z.string().nullable(),
    repliedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Review' });

const reviewView = (r: ReviewRecord) => ({
  ...r,
  text: r.body,
  repliedAt: r.repliedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const reviewBody = z.strictObject({ rating: z.number().int().min(1).max(5), text: text(4000, { multiline: true }).default('') });
const reviewCursor = cursorSchema(z.object({ createdAt: z.iso.datetime(), bookingId: z.uuid() }));

export function reviewRoutes(api: Api, deps: TutoringDependencies): void {
  const byBooking = z.object({ bookingId: z.uuid() });

  api.route({
    method: 'get',
    path: '/reviews/awaiting',
    operationId: 'listSessionsAwaitingReview',
    description:
      'The caller’s completed sessions of the last 30 days that they have not reviewed yet, latest first (at most 10): what the web app asks them to rate.',
    tag: 'reviews',
    summary: 'My sessions waiting for a review',
    access: 'user',
    response: z.object({ bookings: z.array(bookingSchema) }),
    handle: async ({ user }) => ({ bookings: (await listAwaitingReview(deps, user)).map(bookingView) }),
  });

  api.route({
    method: 'post',
    path: '/bookings/:bookingId/review',
    operationId: 'reviewSession',
    description: 'The student of a completed session rates it from 1 to 5, with an optional comment. One review per session.',
    tag: 'reviews',
    summary: 'Review a completed session (its student, once)',
    access: 'user',
    params: byBooking,
    body: reviewBody,
    response: reviewSchema,
    status: 201,
    errors: { 403: ['student-only'], 404: ['booking-not-found'], 409: ['already-reviewed', 'session-not-completed'] },
    examples: { body: { rating: 5, text: 'Clear explanations, and she checked I could do the next one alone.' } },
    handle: async ({ user, params, body }) => reviewView(await reviewSession(deps, user, params.bookingId, body)),
  });

  api.route({
    method: 'put',
    path: '/bookings/:bookingId/review',
    operationId: 'editReview',
    description: 'The student changes their review, within 14 days of writing it.',
    tag: 'reviews',
    summary: 'Edit my review (within 14 days)',
    access: 'user',
    params: byBooking,
    body: reviewBody,
    response: reviewSchema,
    errors: { 404: ['review-not-found'], 409: ['review-locked'] },
    handle: async ({ user, params, body }) => reviewView(await editReview(deps, user, params.bookingId, body)),
  });

  api.route({
    method: 'put',
    path: '/bookings/:bookingId/review/reply',
    operationId: 'replyToReview',
    description: 'The tutor answers a review publicly; a new reply replaces the old one.',
    tag: 'reviews',
    summary: 'The tutor replies to a review',
    access: 'user',
    params: byBooking,
    body: z.strictObject({ reply: text(2000, { multiline: true }).min(1) }),
    response: reviewSchema,
    errors: { 403: ['tutor-only'], 404: ['review-not-found'] },
    handle: async ({ user, params, body }) => reviewView(await replyToReview(deps, user, params.bookingId, body.reply)),
  });

  api.route({
    method: 'get',
    path: '/tutors/:tutorId/reviews',
    operationId: 'listTutorReviews',
    description: 'A tutor’s reviews, newest first, a page at a time, with the average rating and count overall and per course.',
    tag: 'reviews',
    summary: "A tutor's reviews, newest first, with their rating overall and per course",
    access: 'public',
    params: z.object({ tutorId: z.uuid() }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(50).default(20), cursor: reviewCursor.optional() }),
    response: z.object({
      rating: ratingSchema,
      byCourse: z.array(ratingSchema.extend({ courseId: z.uuid() })),
      reviews: z.array(reviewSchema),
      nextCursor: z.string().nullable(),
    }),
    handle: async ({ params, query }) => {
      const page = await listTutorReviews(deps, params.tutorId, query.limit, query.cursor);
      return {
        rating: page.summary.overall,
        byCourse: page.summary.byCourse,
        reviews: page.items.map(reviewView),
        nextCursor: page.next ? encodeCursor(page.next) : null,
      };
    },
  });

  api.route({
    method: 'get',
    path: '/courses/:courseId/rating',
    operationId: 'getCourseRating',
    description: 'The average rating and review count of every reviewed session in one course, across tutors.',
    tag: 'reviews',
    summary: 'The rating of every session reviewed in a course',
    access: 'public',
    params: z.object({ courseId: z.uuid() }),
    response: ratingSchema,
    handle: async ({ params }) => deps.reviews.summaryForCourse(params.courseId),
  });
}
