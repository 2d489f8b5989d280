// Bookings from both sides: book, list, answer, cancel, reschedule, close, notes, reviews and calendars.
import { apiRequest } from '../../../lib/api-client';

export type BookingStatus = 'pending' | 'confirmed' | 'declined' | 'cancelled' | 'completed' | 'no_show' | 'expired';

export interface Booking {
  id: string;
  tutorId: string;
  studentId: string;
  courseId: string;
  groupId: string | null;
  seats: number;
  status: BookingStatus;
  start: string;
  end: string;
  lengthMinutes: number;
  mode: 'online' | 'in_person';
  message: string;
  expiresAt: string | null;
  cancelledBy: 'student' | 'tutor' | null;
  cancelReason: string | null;
  tutorNotes: string;
  createdAt: string;
}

/** A fresh key per attempt the person makes; a retry of the same attempt reuses it. */
export const newIdempotencyKey = () => crypto.randomUUID();

export const bookSession = (
  input: { tutorId: string; courseId: string; start: string; length: number; mode: 'online' | 'in_person'; message: string },
  idempotencyKey: string,
) => apiRequest<Booking>('/api/tutoring/bookings', { method: 'POST', body: input, headers: { 'Idempotency-Key': idempotencyKey } });

export const listBookings = (query: { as?: 'student' | 'tutor'; when: 'upcoming' | 'past'; status?: BookingStatus }) =>
  apiRequest<{ bookings: Booking[]; nextCursor: string | null }>('/api/tutoring/bookings', { query: { ...query, limit: 50 } });

export type BookingAction = 'confirm' | 'decline' | 'cancel' | 'complete' | 'no-show';

export const actOnBooking = (bookingId: string, action: BookingAction, reason?: string) =>
  apiRequest<Booking>(`/api/tutoring/bookings/${bookingId}/${action}`, { method: 'POST', body: reason ? { reason } : {} });

export const rescheduleBooking = (bookingId: string, start: string) =>
  apiRequest<Booking>(`/api/tutoring/bookings/${bookingId}/reschedule`, { method: 'POST', body: { start } });

export const writeNotes = (bookingId: string, notes: string) =>
  apiRequest<Booking>(`/api/tutoring/bookings/${bookingId}/notes`, { method: 'PUT', body: { notes } });

export const reviewBooking = (bookingId: string, review: { rating: number; text: string }) =>
  apiRequest(`/api/tutoring/bookings/${bookingId}/review`, { method: 'POST', body: review });

export const calendarFileUrl = (bookingId: string) => `/api/tutoring/bookings/${bookingId}/calendar.ics`;

export const createCalendarFeed = () => apiRequest<{ path: string; url: string }>('/api/tutoring/calendar/feed', { method: 'POST' });
