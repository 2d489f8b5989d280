// What other services report, applied once each (the inbox record shares the transaction): accounts from users,
// booking changes from tutoring, what happened to a member from groups. A notification and its email are written
// together.
import type pg from 'pg';
import { Inbox } from '@tutoring-platform/postgres';
import { AppError } from '@tutoring-platform/shared';
import type { NewNotification } from '../data/notification-repository';
import type { Recipient } from '../data/recipient-repository';
import type { NotificationsDependencies } from '../dependencies';
import { meetingReminderNotices, type MeetingReminderEvent } from './group-notices';
import { bookingNotices, courseDecisionNotice, type BookingChange } from './session-notices';

interface Event<T> {
  id: number;
  /** When its source wrote it. */
  time: string;
  data: T;
}

/**
 * Accounts and bookings come from two services, each in its own order: a booking may arrive before the event of an
 * account made a moment earlier. Until this long after the booking changed, its event is refused for a retry, so the
 * notices name both people; after it, they go out naming whom they can.
 */
const WAIT_FOR_ACCOUNTS_MS = 10 * 60_000;

const from = (caller: string, expected: string) => {
  if (caller !== expected) throw new AppError('forbidden', 403, `Only the ${expected} service reports this event`);
};

/** Each notification into its reader's inbox, and its email into the outbox (the relay sends it). */
export async function deliverNotices(deps: NotificationsDependencies, tx: pg.PoolClient, notices: NewNotification[]): Promise<number> {
  for (const notice of notices) {
    const saved = await deps.notifications.insert(tx, notice);
    await deps.outbox.add(tx, { destination: 'email', key: notice.userId, type: notice.type, data: { notificationId: saved.id } });
  }
  return notices.length;
}

export async function applyAccountChanged(
  deps: NotificationsDependencies,
  caller: string,
  event: Event<Omit<Recipient, 'unsubscribeToken'>>,
) {
  from(caller, 'users');
  return deps.transaction(async (tx) => {
    if (!(await Inbox.firstDelivery(tx, caller, event.id))) return { applied: false, notified: 0 };
    await deps.recipients.save(tx, event.data);
    return { applied: true, notified: 0 };
  });
}

/** Emails the link to set a new password (never to the inbox: whoever needs it cannot sign in). */
export async function applyPasswordResetRequested(
  deps: NotificationsDependencies,
  caller: string,
  event: Event<{ userId: string; token: string; expiresAt: string }>,
) {
  from(caller, 'users');
  return deps.transaction(async (tx) => {
    if (!(await Inbox.firstDelivery(tx, caller, event.id))) return { applied: false, notified: 0 };
    await deps.outbox.add(tx, { destination: 'email', key: event.data.userId, type: 'password-reset', data: event.data });
    return { applied: true, notified: 1 };
  });
}

/** Emails the link that confirms an address to that address and, for a change of email, tells the old address. */
export async function applyEmailVerificationRequested(
  deps: NotificationsDependencies,
  caller: string,
  event: Event<{ userId: string; email: string; token: string; expiresAt: string; previousEmail: string | null }>,
) {
  from(caller, 'users');
  return deps.transaction(async (tx) => {
    if (!(await Inbox.firstDelivery(tx, caller, event.id))) return { applied: false, notified: 0 };
    const { previousEmail, ...link } = event.data;
    await deps.outbox.add(tx, { destination: 'email', key: link.userId, type: 'email-verification', data: link });
    if (previousEmail) {
      const data = { userId: link.userId, email: link.email, previousEmail };
      await deps.outbox.add(tx, { destination: 'email', key: link.userId, type: 'email-change-notice', data });
    }
    return { applied: true, notified: previousEmail ? 2 : 1 };
  });
}

/** Tells a tutor an admin approved or revoked one of their courses. */
export async function applyCourseDecided(
  deps: NotificationsDependencies,
  caller: string,
  event: Event<Parameters<typeof courseDecisionNotice>[0]>,
) {
  from(caller, 'tutoring');
  return deps.transaction(async (tx) => {
    if (!(await Inbox.firstDelivery(tx, caller, event.id))) return { applied: false, notified: 0 };
    return { applied: true, notified: await deliverNotices(deps, tx, [courseDecisionNotice(event.data)]) };
  });
}

/** Tells a member of a study group what happened to them there (a notice built from the event). */
export async function applyGroupEvent<T>(
  deps: NotificationsDependencies,
  caller: string,
  event: Event<T>,
  notice: (data: T) => NewNotification,
) {
  from(caller, 'groups');
  return deps.transaction(async (tx) => {
    if (!(await Inbox.firstDelivery(tx, caller, event.id))) return { applied: false, notified: 0 };
    return { applied: true, notified: await deliverNotices(deps, tx, [notice(event.data)]) };
  });
}

/** Tells the booking's parties, and keeps its reminders in step: planned while it is on, gone once it is not. */
export async function applyBookingChanged(deps: NotificationsDependencies, caller: string, event: Event<BookingChange>) {
  from(caller, 'tutoring');
  const change = event.data;
  return deps.transaction(async (tx) => {
    if (!(await Inbox.firstDelivery(tx, caller, event.id))) return { applied: false, notified: 0 };
    const recipients = await deps.recipients.findMany([change.tutorId, change.studentId], tx);
    if (recipients.size < 2 && deps.now().getTime() - Date.parse(event.time) < WAIT_FOR_ACCOUNTS_MS) {
      throw new AppError('account-not-known-yet', 503, 'An account in this booking has not been reported yet; send it again', undefined, {
        'Retry-After': '2',
      });
    }
    await deps.reminders.cancel(tx, change.bookingId);
    if (change.status === 'confirmed') await deps.reminders.plan(tx, remindable(change), deps.now());
    // a session moved to a time the tutor accepted at once: its reminders move with it
    if (change.rescheduledTo?.status === 'confirmed')
      await deps.reminders.plan(tx, remindable({ ...change, ...change.rescheduledTo }), deps.now());
    return { applied: true, notified: await deliverNotices(deps, tx, bookingNotices(change, recipients)) };
  });
}

const remindable = (c: Pick<BookingChange, 'bookingId' | 'tutorId' | 'studentId' | 'course' | 'mode' | 'place' | 'start' | 'end'>) => ({
  bookingId: c.bookingId,
  tutorId: c.tutorId,
  studentId: c.studentId,
  course: c.course,
  mode: c.mode,
  place: c.place,
  start: c.start,
  end: c.end,
});

/** Reminds the members going to a group meeting, each in their own zone (the groups service plans and times it). */
export async function applyMeetingReminder(deps: NotificationsDependencies, caller: string, event: Event<MeetingReminderEvent>) {
  from(caller, 'groups');
  return deps.transaction(async (tx) => {
    if (!(await Inbox.firstDelivery(tx, caller, event.id))) return { applied: false, notified: 0 };
    const recipients = await deps.recipients.findMany(event.data.attendeeIds, tx);
    return { applied: true, notified: await deliverNotices(deps, tx, meetingReminderNotices(event.data, recipients)) };
  });
}
