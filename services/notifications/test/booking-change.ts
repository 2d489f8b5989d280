// A `booking-changed` event's data as tutoring writes it, for tests that send one by hand: a pending online request
// for an hour from `start`, with what the test changes.
import { randomUUID } from 'node:crypto';

export const bookingChange = (start: Date, changes: Record<string, unknown> = {}) => ({
  bookingId: randomUUID(),
  status: 'pending',
  tutorId: randomUUID(),
  studentId: randomUUID(),
  groupId: null,
  course: { code: 'EV-1', title: 'Events' },
  mode: 'online',
  place: null,
  start: start.toISOString(),
  end: new Date(start.getTime() + 3_600_000).toISOString(),
  cancelledBy: null,
  reason: null,
  rescheduledTo: null,
  ...changes,
});
