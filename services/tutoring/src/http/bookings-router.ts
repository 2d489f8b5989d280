// /bookings: book, list, answer, cancel, reschedule and close sessions.
import { z } from 'zod';
import {
  bearerToken,
  cursorSchema,
  encodeCursor,
  idempotencyKeyHeader,
  responseHeaders,
  type Api,
  type ErrorCodes,
  text,
} from '@tutoring-platform/shared';
import type { TutoringDependencies } from '../dependencies';
import { bookSession, rescheduleBooking } from '../domain/book-session';
import {
  cancelBooking,
  confirmBooking,
  declineBooking,
  getBooking,
  listBookings,
  recordOutcome,
  writeSessionNotes,
} from '../domain/manage-booking';
import { bookingSchema, bookingView } from './views';

const start = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const reason = z.strictObject({ reason: text(500, { multiline: true }).min(1).optional() });
/** What taking a time can answer, for a new booking as for a moved one. */
const slotErrors = {
  404: ['tutor-not-found'],
  409: ['slot-taken', 'student-double-booked'],
  422: ['course-not-offered', 'length-not-offered', 'slot-unavailable', 'weekly-cap-reached'],
  503: ['tutor-busy'],
} as const satisfies ErrorCodes;
const bookingCursor = cursorSchema(z.object({ start: z.iso.datetime(), id: z.uuid() }));

export function bookingRoutes(api: Api, deps: TutoringDependencies): void {
  const byId = z.object({ bookingId: z.uuid() });

  api.route({
    method: 'post',
    path: '/bookings',
    operationId: 'bookSession',
    tag: 'bookings',
    summary: 'Book a session with a tutor',
    description:
      'Books an open slot (see `listOpenSlots`) for one student, or for a study group the caller manages (`groupId`, `seats`). The booking is `confirmed` at once if the tutor auto-accepts, else `pending` until the tutor answers or it expires. Two requests for one slot: exactly one wins, the other gets `slot-taken`. The student needs a confirmed email (`email-not-verified`).',
    access: 'verified',
    headers: { idempotencyKey: idempotencyKeyHeader(255) },
    body: z.strictObject({
      tutorId: z.uuid(),
      courseId: z.uuid(),
      start,
      length: z.number().int().positive().max(1440),
      mode: z.enum(['online', 'in_person']).default('online'),
      message: text(2000, { multiline: true }).default(''),
      seats: z.number().int().min(1).max(50).default(1),
      groupId: z.uuid().nullable().default(null),
    }),
    response: bookingSchema,
    status: 201,
    responseHeaders: [responseHeaders.idempotentReplayed],
    errors: [
      slotErrors,
      {
        403: ['group-managers-only'],
        409: ['group-archived'],
        422: ['cannot-book-self', 'group-not-found', 'group-required', 'group-too-large', 'idempotency-key-reused', 'mode-not-offered'],
      },
    ],
    examples: {
      body: {
        tutorId: '3f1c9a2e-8d4b-4c61-9f0e-2a7b5c8d9e10',
        courseId: '6b2d4f8a-1c3e-4a5b-8d7f-9e0a1b2c3d4e',
        start: '2026-12-07T17:00:00Z',
        length: 60,
        mode: 'online',
        message: 'Stuck on eigenvalues before the midterm',
      },
      response: {
        id: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
        tutorId: '3f1c9a2e-8d4b-4c61-9f0e-2a7b5c8d9e10',
        studentId: '0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d',
        courseId: '6b2d4f8a-1c3e-4a5b-8d7f-9e0a1b2c3d4e',
        groupId: null,
        seats: 1,
        status: 'pending',
        start: '2026-12-07T17:00:00.000Z',
        end: '2026-12-07T18:00:00.000Z',
        lengthMinutes: 60,
        mode: 'online',
        message: 'Stuck on eigenvalues before the midterm',
        expiresAt: '2026-12-06T17:00:00.000Z',
        cancelledBy: null,
        cancelReason: null,
        tutorNotes: '',
        rescheduledFrom: null,
        createdAt: '2026-12-01T09:30:00.000Z',
        place: 'https://meet.example.edu/maya',
      },
    },
    handle: async ({ user, body, headers, req, res }) => {
      const { length, ...rest } = body;
      const caller = { ...user, token: bearerToken(req) };
      const outcome = await bookSession(deps, caller, { ...rest, lengthMinutes: length }, headers.idempotencyKey, bookingView);
      if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
      return outcome.body as ReturnType<typeof bookingView>;
    },
  });

  api.route({
    method: 'get',
    path: '/bookings',
    operationId: 'listMyBookings',
    tag: 'bookings',
    summary: 'My bookings as student, tutor or both; upcoming or past',
    description:
      'My sessions, as student, as tutor or both, upcoming (soonest first) or past (latest first), optionally in one state, a page at a time.',
    access: 'user',
    query: z.object({
      as: z.enum(['student', 'tutor']).optional(),
      when: z.enum(['upcoming', 'past']).default('upcoming'),
      status: z.enum(['pending', 'confirmed', 'declined', 'cancelled', 'completed', 'no_show', 'expired']).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(25),
      cursor: bookingCursor.optional(),
    }),
    response: z.object({ bookings: z.array(bookingSchema), nextCursor: z.string().nullable() }),
    handle: async ({ user, query }) => {
      const page = await listBookings(deps, {
        userId: user.id,
        as: query.as,
        when: query.when,
        status: query.status,
        limit: query.limit,
        after: query.cursor,
      });
      return { bookings: page.items.map(bookingView), nextCursor: page.next ? encodeCursor(page.next) : null };
    },
  });

  api.route({
    method: 'get',
    path: '/bookings/:bookingId',
    operationId: 'getBooking',
    tag: 'bookings',
    summary: 'One of my bookings',
    description: 'A booking where I am the student or the tutor. Anyone else gets `booking-not-found`, as if it did not exist.',
    access: 'user',
    params: byId,
    response: bookingSchema,
    errors: { 404: ['booking-not-found'] },
    handle: async ({ user, params }) => bookingView(await getBooking(deps, user, params.bookingId)),
  });

  const transition = (
    path: string,
    operation: { operationId: string; summary: string; description: string; errors: ErrorCodes },
    act: (user: Parameters<typeof getBooking>[1], id: string, reason: string | null) => Promise<Parameters<typeof bookingView>[0]>,
  ) =>
    api.route({
      method: 'post',
      path: `/bookings/:bookingId/${path}`,
      tag: 'bookings',
      ...operation,
      access: 'user',
      params: byId,
      body: reason.optional(),
      response: bookingSchema,
      handle: async ({ user, params, body }) => bookingView(await act(user, params.bookingId, body?.reason ?? null)),
    });

  const tutorsAnswer = { 403: ['tutor-only'], 404: ['booking-not-found'], 409: ['invalid-transition'] };
  transition(
    'confirm',
    {
      operationId: 'confirmBooking',
      summary: 'Tutor accepts a pending request',
      description: 'The tutor accepts a `pending` booking; it becomes `confirmed`.',
      errors: tutorsAnswer,
    },
    (user, id) => confirmBooking(deps, user, id),
  );
  transition(
    'decline',
    {
      operationId: 'declineBooking',
      summary: 'Tutor declines a pending request',
      description: 'The tutor turns down a `pending` booking, optionally with a reason the student sees; the slot opens again.',
      errors: tutorsAnswer,
    },
    (user, id, why) => declineBooking(deps, user, id, why),
  );
  transition(
    'cancel',
    {
      operationId: 'cancelBooking',
      summary: 'Cancel a pending or confirmed session',
      description:
        'The student may cancel until the tutor’s cancellation window begins; the tutor may cancel any time before the start, and must give a reason. The slot opens again.',
      errors: {
        400: ['reason-required'],
        404: ['booking-not-found'],
        409: ['cancellation-window-passed', 'invalid-transition', 'session-started'],
      },
    },
    (user, id, why) => cancelBooking(deps, user, id, why),
  );
  const outcome = {
    403: ['tutor-only'],
    404: ['booking-not-found'],
    409: ['invalid-transition', 'session-not-started'],
  };
  transition(
    'complete',
    {
      operationId: 'completeSession',
      summary: 'Tutor marks a started session completed',
      description: 'After its start, the tutor marks a `confirmed` session `completed`; its student can then review it.',
      errors: outcome,
    },
    (user, id) => recordOutcome(deps, user, id, 'completed'),
  );
  transition(
    'no-show',
    {
      operationId: 'markNoShow',
      summary: 'Tutor marks a started session as a no-show',
      description: 'After its start, the tutor records that the student did not come.',
      errors: outcome,
    },
    (user, id) => recordOutcome(deps, user, id, 'no_show'),
  );

  api.route({
    method: 'post',
    path: '/bookings/:bookingId/reschedule',
    operationId: 'rescheduleBooking',
    tag: 'bookings',
    summary: 'Move a booking; the old time is released only if the new one is taken',
    description:
      'Either party moves a pending or confirmed session to another open slot, in one step: the answer is the new booking, and the old one is released only once the new time is held. A student’s move needs the tutor’s yes unless the tutor auto-accepts, and must come before the cancellation window.',
    access: 'user',
    params: byId,
    body: z.strictObject({ start, length: z.number().int().positive().max(1440).optional() }),
    response: bookingSchema,
    status: 201,
    errors: [slotErrors, { 404: ['booking-not-found'], 409: ['booking-not-active', 'cancellation-window-passed'] }],
    examples: { body: { start: '2026-12-08T17:00:00Z', length: 60 } },
    handle: async ({ user, params, body }) =>
      bookingView(await rescheduleBooking(deps, user, params.bookingId, { start: body.start, lengthMinutes: body.length })),
  });

  api.route({
    method: 'put',
    path: '/bookings/:bookingId/notes',
    operationId: 'writeSessionNotes',
    tag: 'bookings',
    summary: 'Tutor writes session notes the student can read',
    description: 'The tutor writes or replaces the notes of a session, for its student to read.',
    access: 'user',
    params: byId,
    body: z.strictObject({ notes: text(10_000, { multiline: true }) }),
    response: bookingSchema,
    errors: { 403: ['tutor-only'], 404: ['booking-not-found'] },
    handle: async ({ user, params, body }) => bookingView(await writeSessionNotes(deps, user, params.bookingId, body.notes)),
  });
}
