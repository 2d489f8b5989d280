// What the tutoring service tells groups about group sessions' bookings, through its outbox: the meeting follows its
// booking. A booking that ends without a session cancels the meeting; a rescheduled one moves it.
import { AppError } from '@tutoring-platform/shared';
import type { GroupsDependencies } from '../dependencies';
import { endedWithoutSession } from '../clients/tutoring-sessions';

interface BookingState {
  bookingId: string;
  status: string;
  start: string;
  end: string;
}

export interface GroupSessionChanged {
  id: number;
  groupId: string;
  booking: BookingState;
  rescheduledTo: BookingState | null;
}

/** Applies the event unless a newer one about the same meeting was applied already (a repeat, a late arrival). */
export async function followGroupSession(deps: GroupsDependencies, caller: string, event: GroupSessionChanged) {
  if (caller !== 'tutoring') throw new AppError('forbidden', 403, 'Only the tutoring service reports bookings');
  const { groupId, booking, rescheduledTo } = event;
  // a group booking made in the tutoring service directly has no meeting here: nothing to follow
  const meetingId = await deps.meetings.meetingOfBooking(groupId, booking.bookingId);
  if (!meetingId) return { applied: false };
  const next = rescheduledTo ?? booking;
  const applied = endedWithoutSession.has(next.status)
    ? await deps.meetings.followBooking(groupId, meetingId, event.id, { kind: 'ended', reason: `The tutor session was ${next.status}` })
    : await deps.meetings.followBooking(groupId, meetingId, event.id, {
        kind: 'moved',
        bookingId: next.bookingId,
        startsAt: next.start,
        endsAt: next.end,
      });
  if (applied) await deps.groups.touch(groupId);
  return { applied };
}
