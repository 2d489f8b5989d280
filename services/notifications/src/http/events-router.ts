// /events: the inbox where other services' outboxes deliver (service tokens only); in AWS the same events come
// through the queue (src/queue/event-queue.ts).
import { z } from 'zod';
import { eventOf, type Api } from '@tutoring-platform/shared';
import type { NotificationsDependencies } from '../dependencies';
import {
  applyAccountChanged,
  applyBookingChanged,
  applyCourseDecided,
  applyEmailVerificationRequested,
  applyGroupEvent,
  applyMeetingReminder,
  applyPasswordResetRequested,
} from '../domain/apply-events';
import { joinRequestAnsweredNotice, threadRepliedNotice, waitlistPromotedNotice } from '../domain/group-notices';

const instant = z.iso.datetime({ offset: true });
const status = z.enum(['pending', 'confirmed', 'declined', 'cancelled', 'completed', 'no_show', 'expired']);

const accountChanged = eventOf(
  'account-changed',
  z.object({ userId: z.uuid(), email: z.email().max(320), displayName: z.string().min(1).max(200), timezone: z.string().min(1).max(64) }),
);

const passwordResetRequested = eventOf(
  'password-reset-requested',
  z.object({ userId: z.uuid(), token: z.string().regex(/^[A-Za-z0-9_-]{43}$/), expiresAt: instant }),
);

const emailVerificationRequested = eventOf(
  'email-verification-requested',
  z.object({
    userId: z.uuid(),
    email: z.email().max(320),
    token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    expiresAt: instant,
    previousEmail: z.email().max(320).nullable(),
  }),
);

const courseDecided = eventOf(
  'course-decided',
  z.object({
    tutorId: z.uuid(),
    course: z.object({ code: z.string().min(1).max(40), title: z.string().min(1).max(200) }),
    status: z.enum(['approved', 'revoked']),
  }),
);

const bookingChanged = eventOf(
  'booking-changed',
  z.object({
    bookingId: z.uuid(),
    status,
    tutorId: z.uuid(),
    studentId: z.uuid(),
    groupId: z.uuid().nullable(),
    course: z.object({ code: z.string().min(1).max(40), title: z.string().min(1).max(200) }),
    mode: z.enum(['online', 'in_person']),
    place: z.string().max(2000).nullable(),
    start: instant,
    end: instant,
    cancelledBy: z.enum(['student', 'tutor', 'platform']).nullable(),
    reason: z.string().max(2000).nullable(),
    rescheduledTo: z.object({ bookingId: z.uuid(), status, start: instant, end: instant }).nullable(),
  }),
);

const inGroup = { groupId: z.uuid(), groupName: z.string().min(1).max(200) };

const waitlistPromoted = eventOf('waitlist-promoted', z.object({ ...inGroup, userId: z.uuid() }));

const joinRequestAnswered = eventOf('join-request-answered', z.object({ ...inGroup, userId: z.uuid(), approved: z.boolean() }));

const threadReplied = eventOf(
  'thread-replied',
  z.object({ ...inGroup, postId: z.uuid(), postAuthorId: z.uuid(), replierName: z.string().min(1).max(200) }),
);

const meetingReminder = eventOf(
  'meeting-reminder',
  z.object({
    ...inGroup,
    kind: z.enum(['day', 'hour']),
    meetingId: z.uuid(),
    title: z.string().min(1).max(200),
    startsAt: instant,
    endsAt: instant,
    place: z.string().max(2000).nullable(),
    attendeeIds: z.array(z.uuid()).max(1000),
  }),
);

/** Every event the notifications service takes, from HTTP (`/events`) or, in AWS, from its queue. */
export const inboundEvent = z.discriminatedUnion('type', [
  accountChanged,
  passwordResetRequested,
  emailVerificationRequested,
  bookingChanged,
  courseDecided,
  waitlistPromoted,
  joinRequestAnswered,
  threadReplied,
  meetingReminder,
]);

export type InboundEvent = z.infer<typeof inboundEvent>;

/** Applies one event as reported by the service `caller`. */
export async function applyEvent(deps: NotificationsDependencies, caller: string, body: InboundEvent) {
  if (body.type === 'account-changed') return applyAccountChanged(deps, caller, body);
  if (body.type === 'password-reset-requested') return applyPasswordResetRequested(deps, caller, body);
  if (body.type === 'email-verification-requested') return applyEmailVerificationRequested(deps, caller, body);
  if (body.type === 'course-decided') return applyCourseDecided(deps, caller, body);
  if (body.type === 'waitlist-promoted') return applyGroupEvent(deps, caller, body, waitlistPromotedNotice);
  if (body.type === 'join-request-answered') return applyGroupEvent(deps, caller, body, joinRequestAnsweredNotice);
  if (body.type === 'thread-replied') return applyGroupEvent(deps, caller, body, threadRepliedNotice);
  if (body.type === 'meeting-reminder') return applyMeetingReminder(deps, caller, body);
  return applyBookingChanged(deps, caller, body);
}

export function eventRoutes(api: Api, deps: NotificationsDependencies): void {
  api.route({
    method: 'post',
    path: '/events',
    operationId: 'receiveNotificationsEvent',
    description:
      'For the platform’s services only, from their outboxes. `account-changed` (from users) says whom to write to, what to call them and in which zone; `password-reset-requested` (from users) emails the link to set a new password; `email-verification-requested` (from users) emails the link that confirms an address to it and, for a change of email, tells the old address. `booking-changed` (from tutoring) tells a booking’s tutor and student of a request, confirmation, decline, cancellation, reschedule or expiry, and plans or drops its reminders; `course-decided` (from tutoring) tells a tutor a course was approved or revoked. From groups, `waitlist-promoted`, `join-request-answered` and `thread-replied` tell a member they got a place, that their request to join was answered, or that someone replied under their post, and `meeting-reminder` reminds the members going to a meeting a day and an hour ahead. A booking whose people are not known yet answers 503 for a while, so its notices can name them once the users service’s events have caught up. Delivery is at least once: an event id already applied answers `applied: false` and changes nothing.',
    tag: 'events',
    summary: 'Takes an event from another platform service; a repeated event id changes nothing',
    access: 'service',
    body: inboundEvent,
    response: z.object({ applied: z.boolean(), notified: z.number().int() }),
    errors: { 403: ['forbidden'], 503: ['account-not-known-yet'] },
    handle: async ({ caller, body }) => applyEvent(deps, caller, body),
  });
}
