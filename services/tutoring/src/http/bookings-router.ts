// /bookings: book, list, answer, cancel, reschedule and close sessions.
import { z } from 'zod';
import { AppError, bearerToken, cursorSchema, encodeCursor, type Api, text } from '@tutoring-platform/shared';
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

const idempotencyKey = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 visible ASCII characters');
const start = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const reason = z.strictObject({ reason: text(500, { multiline: true }).min(1).optional() });
const bookingCursor = cursorSchema(z.object({ start: z.iso.datetime(), id: z.uuid() }));

export function bookingRoutes(api: Api, deps: TutoringDependencies): void {
  const byId = z.object({ bookingId: z.uuid() });

  api.route({
    method: 'post',
    path: '/bookings',
    tag: 'bookings',
    summary: 'Book a session (requires an Idempotency-Key header)',
    access: 'user',
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
    errors: [403, 404, 409, 422, 503],
    handle: async ({ user, body, req, res }) => {
      const key = idempotencyKey.safeParse(req.get('idempotency-key'));
      if (!key.success) throw new AppError('idempotency-key-required', 400, 'Send an Idempotency-Key header (1 to 255 visible characters)');
      const { length, ...rest } = body;
      const caller = { ...user, token: bearerToken(req) };
      const outcome = await bookSession(deps, caller, { ...rest, lengthMinutes: length }, key.data, bookingView);
      if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
      return outcome.body as ReturnType<typeof bookingView>;
    },
  });

  api.route({
    method: 'get',
    path: '/bookings',
    tag: 'bookings',
    summary: 'My bookings as student, tutor or both; upcoming or past',
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
    tag: 'bookings',
    summary: 'One of my bookings',
    access: 'user',
    params: byId,
    response: bookingSchema,
    errors: [404],
    handle: async ({ user, params }) => bookingView(await getBooking(deps, user, params.bookingId)),
  });

  const transition = (
    path: string,
    summary: string,
    act: (user: Parameters<typeof getBooking>[1], id: string, reason: string | null) => Promise<Parameters<typeof bookingView>[0]>,
  ) =>
    api.route({
      method: 'post',
      path: `/bookings/:bookingId/${path}`,
      tag: 'bookings',
      summary,
      access: 'user',
      params: byId,
      body: reason.optional(),
      response: bookingSchema,
      errors: [403, 404, 409],
      handle: async ({ user, params, body }) => bookingView(await act(user, params.bookingId, body?.reason ?? null)),
    });

  transition('confirm', 'Tutor accepts a pending request', (user, id) => confirmBooking(deps, user, id));
  transition('decline', 'Tutor declines a pending request', (user, id, why) => declineBooking(deps, user, id, why));
  transition('cancel', 'Cancel: students within the cancellation window, tutors any time with a reason', (user, id, why) =>
    cancelBooking(deps, user, id, why),
  );
  transition('complete', 'Tutor marks a started session completed', (user, id) => recordOutcome(deps, user, id, 'completed'));
  transition('no-show', 'Tutor marks a started session as a no-show', (user, id) => recordOutcome(deps, user, id, 'no_show'));

  api.route({
    method: 'post',
    path: '/bookings/:bookingId/reschedule',
    tag: 'bookings',
    summary: 'Move a booking; the old time is released only if the new one is taken',
    access: 'user',
    params: byId,
    body: z.strictObject({ start, length: z.number().int().positive().max(1440).optional() }),
    response: bookingSchema,
    status: 201,
    errors: [404, 409, 422],
    handle: async ({ user, params, body }) =>
      bookingView(await rescheduleBooking(deps, user, params.bookingId, { start: body.start, lengthMinutes: body.length })),
  });

  api.route({
    method: 'put',
    path: '/bookings/:bookingId/notes',
    tag: 'bookings',
    summary: 'Tutor writes session notes the student can read',
    access: 'user',
    params: byId,
    body: z.strictObject({ notes: text(10_000, { multiline: true }) }),
    response: bookingSchema,
    errors: [403, 404],
    handle: async ({ user, params, body }) => bookingView(await writeSessionNotes(deps, user, params.bookingId, body.notes)),
  });
}
