// Bookings from both sides: book, list, answer, cancel, reschedule, close, notes, reviews and calendars; and the
// queries My sessions asks them with (the router asks them ahead of it).
import { queryOptions } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { TutoringBody, TutoringResponse, TutoringSchema } from '../../../lib/api-types';

export type Booking = TutoringSchema<'Booking'>;
export type BookingStatus = Booking['status'];

/** A fresh key per attempt the person makes; a retry of the same attempt reuses it. */
export const newIdempotencyKey = () => crypto.randomUUID();

export const bookSession = (input: TutoringBody<'/api/tutoring/bookings', 'post'>, idempotencyKey: string) =>
  apiRequest<Booking>('/api/tutoring/bookings', { method: 'POST', body: input, headers: { 'Idempotency-Key': idempotencyKey } });

export const getBooking = (bookingId: string) => apiRequest<Booking>(`/api/tutoring/bookings/${bookingId}`);

export const listAwaitingReview = () =>
  apiRequest<TutoringResponse<'/api/tutoring/reviews/awaiting', 'get'>>('/api/tutoring/reviews/awaiting').then((r) => r.bookings);

export const listBookings = (query: { as?: 'student' | 'tutor'; when: 'upcoming' | 'past'; status?: BookingStatus }) =>
  apiRequest<TutoringResponse<'/api/tutoring/bookings', 'get'>>('/api/tutoring/bookings', { query: { ...query, limit: 50 } });

export const myBookingsQuery = (when: 'upcoming' | 'past') =>
  queryOptions({ queryKey: ['bookings', 'mine', when], queryFn: () => listBookings({ when }) });
export const awaitingReviewQuery = queryOptions({ queryKey: ['bookings', 'awaiting-review'], queryFn: listAwaitingReview });

export type BookingAction = 'confirm' | 'decline' | 'cancel' | 'complete' | 'no-show';

export const actOnBooking = (bookingId: string, action: BookingAction, reason?: string) =>
  apiRequest<Booking>(`/api/tutoring/bookings/${bookingId}/${action}`, { method: 'POST', body: reason ? { reason } : {} });

export const rescheduleBooking = (bookingId: string, start: string) =>
  apiRequest<Booking>(`/api/tutoring/bookings/${bookingId}/reschedule`, { method: 'POST', body: { start } });

export const writeNotes = (bookingId: string, notes: string) =>
  apiRequest<Booking>(`/api/tutoring/bookings/${bookingId}/notes`, { method: 'PUT', body: { notes } });

export const reviewBooking = (bookingId: string, review: TutoringBody<'/api/tutoring/bookings/{bookingId}/review', 'post'>) =>
  apiRequest(`/api/tutoring/bookings/${bookingId}/review`, { method: 'POST', body: review });

export const replyToReview = (bookingId: string, reply: string) =>
  apiRequest(`/api/tutoring/bookings/${bookingId}/review/reply`, { method: 'PUT', body: { reply } });

export const calendarFileUrl = (bookingId: string) => `/api/tutoring/bookings/${bookingId}/calendar.ics`;

export const createCalendarFeed = () =>
  apiRequest<TutoringResponse<'/api/tutoring/calendar/feed', 'post'>>('/api/tutoring/calendar/feed', { method: 'POST' });
