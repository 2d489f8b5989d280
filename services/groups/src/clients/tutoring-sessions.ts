// Group sessions with a tutor, through the tutoring service's public HTTP API (the typed client generated from
// its contract) and the acting member's own token: groups never reads tutoring's database, and tutoring applies
// its own rules to the member as to any student.
import { tutoringClient, type TutoringComponents } from '@tutoring-platform/client';
import { AppError, PEER_TIMEOUT_DEFAULT_MS } from '@tutoring-platform/shared';
import { services } from '@tutoring-platform/shared/catalog';
import { z } from 'zod';

/** A booking as the tutoring service's contract describes it. */
export type TutoringBooking = TutoringComponents['schemas']['Booking'];

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

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** What a call through the typed client answers: data on success, else the contract's error body. */
type Answer<T> = { data?: T; error?: unknown; response: Response };

export function httpTutoringSessions(tutoringApiUrl: string, timeoutMs = PEER_TIMEOUT_DEFAULT_MS): TutoringSessions {
  // The contract's paths carry the service's prefix; the configured URL ends with it.
  const { pathPrefix } = services.tutoring;
  if (!tutoringApiUrl.endsWith(pathPrefix)) throw new Error(`The tutoring API URL must end with ${pathPrefix}: ${tutoringApiUrl}`);
  const client = tutoringClient({ baseUrl: tutoringApiUrl.slice(0, -pathPrefix.length) });
  async function call<T>(request: (init: { signal: AbortSignal }) => Promise<Answer<T>>): Promise<T> {
    let answer: Answer<T>;
    try {
      answer = await request({ signal: AbortSignal.timeout(timeoutMs) });
    } catch {
      throw tutoringUnavailable('cannot be reached');
    }
    const { data, error, response } = answer;
    if (response.ok && data !== undefined) return data;
    const refusal = errorSchema.safeParse(error);
    // 401 would mean the two services disagree about tokens: an outage, not the member's fault.
    if (response.status >= 500 || response.status === 401 || !refusal.success) {
      throw tutoringUnavailable('cannot take this request now');
    }
    // The tutoring service's own answer (slot taken, too many seats, outside the cancellation window...).
    throw new AppError(refusal.data.error.code, response.status, refusal.data.error.message);
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    tutorName: async (tutorId) =>
      (await call((init) => client.GET('/api/tutoring/tutors/{tutorId}', { ...init, params: { path: { tutorId } } }))).displayName,
    book: (token, request, key) =>
      call((init) =>
        client.POST('/api/tutoring/bookings', {
          ...init,
          params: { header: { 'Idempotency-Key': key } },
          headers: bearer(token),
          body: {
            tutorId: request.tutorId,
            courseId: request.courseId,
            start: request.start,
            length: request.lengthMinutes,
            seats: request.seats,
            groupId: request.groupId,
            message: request.message,
          },
        }),
      ),
    cancel: (token, bookingId, reason) =>
      call((init) =>
        client.POST('/api/tutoring/bookings/{bookingId}/cancel', {
          ...init,
          params: { path: { bookingId } },
          headers: bearer(token),
          body: reason ? { reason } : {},
        }),
      ),
    get: (token, bookingId) =>
      call((init) =>
        client.GET('/api/tutoring/bookings/{bookingId}', { ...init, params: { path: { bookingId } }, headers: bearer(token) }),
      ),
  };
}
