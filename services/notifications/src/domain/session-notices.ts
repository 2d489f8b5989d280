// What a booking's two parties are told when it changes, or before it starts: pure text, each in its reader's zone.
import { DateTime } from 'luxon';
import type { NewNotification } from '../data/notification-repository';
import type { Recipient } from '../data/recipient-repository';
import type { ReminderKind } from '../data/reminder-repository';

/** The booking as tutoring reports it after a change (services/tutoring/src/clients/booking-notices.ts). */
export interface BookingChange {
  bookingId: string;
  status: 'pending' | 'confirmed' | 'declined' | 'cancelled' | 'completed' | 'no_show' | 'expired';
  tutorId: string;
  studentId: string;
  groupId: string | null;
  course: { code: string; title: string };
  mode: 'online' | 'in_person';
  place: string | null;
  start: string;
  end: string;
  cancelledBy: 'student' | 'tutor' | 'platform' | null;
  reason: string | null;
  rescheduledTo: { bookingId: string; status: string; start: string; end: string } | null;
}

type Party = 'tutor' | 'student';

/** Who is who: the recipient reading, and the other party as they are called. */
interface Reader {
  party: Party;
  recipient: Recipient | undefined;
  other: Recipient | undefined;
}

const UTC = 'UTC';

/** "Tue 3 Dec, 14:00–15:00 (CET)" in the reader's zone (UTC until their account is known). */
export function sessionTime(start: string, end: string, zone: string = UTC): string {
  const from = DateTime.fromISO(start, { zone });
  const to = DateTime.fromISO(end, { zone });
  return `${from.toFormat('ccc d LLL, HH:mm')}–${to.toFormat('HH:mm')} (${from.toFormat('ZZZZ')})`;
}

const nameOf = (r: Recipient | undefined, party: Party) => r?.displayName ?? `your ${party}`;
const where = (c: Pick<BookingChange, 'mode' | 'place'>) =>
  c.place ? `${c.mode === 'online' ? 'Join at' : 'Meet at'}: ${c.place}` : c.mode === 'online' ? 'Online' : 'In person';

/** The session's two readers, tutor first, each with the other party and how to name them. */
function readersOf(session: Pick<BookingChange, 'tutorId' | 'studentId'>, recipients: Map<string, Recipient>): [Reader, Reader] {
  return [
    { party: 'tutor', recipient: recipients.get(session.tutorId), other: recipients.get(session.studentId) },
    { party: 'student', recipient: recipients.get(session.studentId), other: recipients.get(session.tutorId) },
  ];
}

const otherOf = (r: Reader) => nameOf(r.other, r.party === 'tutor' ? 'student' : 'tutor');

function notice(reader: Reader, change: BookingChange, type: NewNotification['type'], title: string, lines: string[]): NewNotification {
  return {
    userId: reader.party === 'tutor' ? change.tutorId : change.studentId,
    type,
    title,
    body: lines.filter(Boolean).join('\n'),
    link: reader.party === 'tutor' ? '/tutoring' : `/sessions/${change.rescheduledTo?.bookingId ?? change.bookingId}`,
  };
}

/** The notices a booking change produces: none for a change nobody needs to hear of (a session completed). */
export function bookingNotices(change: BookingChange, recipients: Map<string, Recipient>): NewNotification[] {
  const [tutor, student] = readersOf(change, recipients);
  const course = `${change.course.code} ${change.course.title}`;
  const when = (r: Reader) => sessionTime(change.start, change.end, r.recipient?.timezone);
  const both = (make: (r: Reader) => NewNotification) => [make(tutor), make(student)];

  switch (change.status) {
    case 'pending':
      return [
        notice(tutor, change, 'booking-request', `New session request from ${otherOf(tutor)}`, [
          `${course}, ${when(tutor)}.`,
          'Confirm or decline it in your tutoring dashboard; unanswered requests expire.',
        ]),
      ];
    case 'confirmed':
      return both((r) => ({
        ...notice(r, change, 'booking-update', `Session confirmed with ${otherOf(r)}`, [`${course}, ${when(r)}.`, where(change)]),
        calendar: {
          uid: change.bookingId,
          start: change.start,
          end: change.end,
          summary: `${change.course.code}: session with ${otherOf(r)}`,
          description: `${course}\n${where(change)}`,
          location: change.place,
        },
      }));
    case 'declined':
      return both((r) =>
        notice(
          r,
          change,
          'booking-update',
          r.party === 'student' ? `${otherOf(r)} declined your request` : `You declined ${otherOf(r)}’s request`,
          [`${course}, ${when(r)}.`, r.party === 'student' ? 'Other tutors and times are open in search.' : ''],
        ),
      );
    case 'expired':
      return both((r) =>
        notice(r, change, 'booking-update', r.party === 'student' ? 'Your request expired unanswered' : `${otherOf(r)}’s request expired`, [
          `${course}, ${when(r)}.`,
        ]),
      );
    case 'cancelled': {
      const moved = change.rescheduledTo;
      if (moved) {
        return both((r) =>
          notice(r, change, 'booking-update', `Session with ${otherOf(r)} moved`, [
            `${course}: now ${sessionTime(moved.start, moved.end, r.recipient?.timezone)}, was ${when(r)}.`,
            moved.status === 'pending' ? 'The new time waits for the tutor’s answer.' : where(change),
          ]),
        );
      }
      const by =
        change.cancelledBy === 'platform'
          ? 'The platform'
          : change.cancelledBy === 'tutor'
            ? nameOf(tutor.recipient, 'tutor')
            : nameOf(student.recipient, 'student');
      return both((r) =>
        notice(r, change, 'booking-update', `Session with ${otherOf(r)} cancelled`, [
          `${course}, ${when(r)}.`,
          `${by} cancelled it${change.reason ? `: “${change.reason}”` : '.'}`,
        ]),
      );
    }
    default:
      return [];
  }
}

/** The reminder each party gets before a session. */
export function reminderNotices(
  kind: ReminderKind,
  change: Omit<BookingChange, 'status' | 'cancelledBy' | 'reason' | 'rescheduledTo' | 'groupId'>,
  recipients: Map<string, Recipient>,
): NewNotification[] {
  const full: BookingChange = { ...change, status: 'confirmed', cancelledBy: null, reason: null, rescheduledTo: null, groupId: null };
  return readersOf(change, recipients).map((r) =>
    notice(r, full, 'session-reminder', `${kind === 'day' ? 'Tomorrow' : 'In an hour'}: session with ${otherOf(r)}`, [
      `${change.course.code} ${change.course.title}, ${sessionTime(change.start, change.end, r.recipient?.timezone)}.`,
      where(change),
    ]),
  );
}

/** An admin's decision on a course the tutor offers. */
export function courseDecisionNotice(decision: {
  tutorId: string;
  course: { code: string; title: string };
  status: 'approved' | 'revoked';
}): NewNotification {
  const course = `${decision.course.code} ${decision.course.title}`;
  return decision.status === 'approved'
    ? {
        userId: decision.tutorId,
        type: 'course-approval',
        title: `You can now tutor ${course}`,
        body: 'An admin verified the course: students find you for it and can book your open times.',
        link: '/tutoring',
      }
    : {
        userId: decision.tutorId,
        type: 'course-approval',
        title: `${course} is no longer among your verified courses`,
        body: 'Students can no longer book you for it. Sessions already booked stay as they are.',
        link: '/tutoring',
      };
}
