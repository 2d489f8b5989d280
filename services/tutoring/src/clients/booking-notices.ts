// The event that tells the notifications service a booking changed (sent by the outbox relay): enough about the
// session to write to both parties without asking tutoring again.
import type { BookingRecord } from '../data/booking-repository';

/** What a notice names besides the booking itself: its course, and where it happens. */
export interface NoticeDetails {
  course: { code: string; title: string };
  place: string | null;
}

/** The booking's state after a change; a reschedule carries the booking that replaced it. */
export function bookingNotice(booking: BookingRecord, details: NoticeDetails, successor?: BookingRecord) {
  return {
    bookingId: booking.id,
    status: booking.status,
    tutorId: booking.tutorId,
    studentId: booking.studentId,
    groupId: booking.groupId,
    course: details.course,
    mode: booking.mode,
    place: details.place,
    start: booking.start.toISOString(),
    end: booking.end.toISOString(),
    cancelledBy: booking.cancelledBy,
    reason: booking.cancelReason,
    rescheduledTo: successor
      ? { bookingId: successor.id, status: successor.status, start: successor.start.toISOString(), end: successor.end.toISOString() }
      : null,
  };
}
