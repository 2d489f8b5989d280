// The events that tell the notifications service what happened to someone in a group (sent by the outbox relay):
// enough to write to them without asking groups again. Each is keyed by whom it tells, so theirs arrive in order.
import type { NewEvent } from '../data/outbox';

/** The group as a notice names it. */
export interface GroupRef {
  id: string;
  name: string;
}

const toNotifications = (userId: string, type: string, data: Record<string, unknown>): NewEvent => ({
  destination: 'notifications',
  key: userId,
  type,
  data,
});

/** A place came free and the head of the waitlist took it. */
export const waitlistPromoted = (group: GroupRef, userId: string) =>
  toNotifications(userId, 'waitlist-promoted', { groupId: group.id, groupName: group.name, userId });

/** A manager answered a request to join a private group. */
export const joinRequestAnswered = (group: GroupRef, userId: string, approved: boolean) =>
  toNotifications(userId, 'join-request-answered', { groupId: group.id, groupName: group.name, userId, approved });

/** Someone else replied under a post: its author hears of it. */
export const threadReplied = (group: GroupRef, post: { id: string; authorId: string }, replier: { id: string; name: string }) =>
  toNotifications(post.authorId, 'thread-replied', {
    groupId: group.id,
    groupName: group.name,
    postId: post.id,
    postAuthorId: post.authorId,
    replierName: replier.name,
  });

/** What a reminder before a meeting tells its members who are going: keyed by the meeting, so its two arrive in order. */
export interface MeetingReminder {
  kind: 'day' | 'hour';
  group: GroupRef;
  meeting: { id: string; title: string; startsAt: string; endsAt: string; place: string | null };
  attendeeIds: string[];
}

export const meetingReminder = ({ kind, group, meeting, attendeeIds }: MeetingReminder): NewEvent => ({
  destination: 'notifications',
  key: meeting.id,
  type: 'meeting-reminder',
  data: {
    kind,
    groupId: group.id,
    groupName: group.name,
    meetingId: meeting.id,
    title: meeting.title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    place: meeting.place,
    attendeeIds,
  },
});
