// Group sessions with a tutor, through the tutoring service's public HTTP API and the acting member's own token:
// groups never reads tutoring's database, and tutoring applies its own rules to the member as to any student.
import { AppError, PEER_TIMEOUT_DEFAULT_MS } from '@tutoring-platform/shared';
import { z } from 'zod';

const bookingSchema = z.object({
  id: z.string(),
  tutorId: z.string(),
  courseId: z.string(),
  groupId: z.string().nullable(),
  seats: z.number(),
  status: z.string(),
  start: z.string(),
  end: z.string(),
});
const tutorSchema = z.object({ displayName: z.string() });
const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export type TutoringBooking = z.output<typeof bookingSchema>;

export interface GroupSessionRequest {
  tutorId: string;
  courseId: string;
  start: string;
  lengthMinutes: number;
  seats: number;
  groupId: string;
  message: string;
}

export interface TutoringSessions {
  tutorName(tutorId: string): Promise<string>;
  book(token: string, request: GroupSessionRequest, idempotencyKey: string): Promise<TutoringBooking>;
  cancel(token: string, bookingId: string, reason: string | null): Promise<TutoringBooking>;
  get(token: string, bookingId: string): Promise<TutoringBooking>;
}

/** Booking states in which the session will not take place. */
export const endedWithoutSession = new Set(['declined', 'cancelled', 'expired']);

/** The same answer as for any store or peer that is down: 503 `dependency-unavailable` with Retry-After. */
const tutoringUnavailable = (what: string) =>
  new AppError('dependency-unavailable', 503, `The tutoring service ${what}; try again shortly`, undefined, { 'Retry-After': '2' });

export function httpTutoringSessions(tutoringApiUrl: string, timeoutMs = PEER_TIMEOUT_DEFAULT_MS): TutoringSessions {
  async function call<T>(schema: z.ZodType<T>, path: string, init: RequestInit = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${tutoringApiUrl}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch {
      throw tutoringUnavailable('cannot be reached');
    }
    const body: unknown = await res.json().catch(() => undefined);
    if (res.ok) return schema.parse(body);
    const error = errorSchema.safeParse(body);
    // 401 would mean the two services disagree about tokens: an outage, not the member's fault.
    if (res.status >= 500 || res.status === 401 || !error.success) {
      throw tutoringUnavailable('cannot take this request now');
    }
    // The tutoring service's own answer (slot taken, too many seats, outside the cancellation window...).
    throw new AppError(error.data.error.code, res.status, error.data.error.message);
  }
  const headers = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  return {
    tutorName: async (tutorId) => (await call(tutorSchema, `/tutors/${tutorId}`)).displayName,
    book: (token, request, key) =>
      call(bookingSchema, '/bookings', {
        method: 'POST',
        headers: { ...headers(token), 'idempotency-key': key },
        body: JSON.stringify({
          tutorId: request.tutorId,
          courseId: request.courseId,
          start: request.start,
          length: request.lengthMinutes,
          seats: request.seats,
          groupId: request.groupId,
          message: request.message,
        }),
      }),
    cancel: (token, bookingId, reason) =>
      call(bookingSchema, `/bookings/${bookingId}/cancel`, {
        method: 'POST',
        headers: headers(token),
        body: JSON.stringify(reason ? { reason } : {}),
      }),
    get: (token, bookingId) => call(bookingSchema, `/bookings/${bookingId}`, { headers: headers(token) }),
  };
}
