// What a study group's member is told: a place from the waitlist, an answer to a request to join, a reply under
// their post. Pure text; the groups service reports each through its outbox (services/groups/src/clients/group-notices.ts).
import type { NewNotification } from '../data/notification-repository';
import type { Recipient } from '../data/recipient-repository';
import { sessionTime } from './session-notices';

interface InGroup {
  groupId: string;
  groupName: string;
}

const groupLink = (groupId: string) => `/groups/${groupId}`;

export function waitlistPromotedNotice(e: InGroup & { userId: string }): NewNotification {
  return {
    userId: e.userId,
    type: 'group-membership',
    title: `You have a place in ${e.groupName}`,
    body: `A place came free in ${e.groupName} and you were next on the waitlist. You are a member now: its meetings and discussion are open to you.`,
    link: groupLink(e.groupId),
  };
}

export function joinRequestAnsweredNotice(e: InGroup & { userId: string; approved: boolean }): NewNotification {
  return {
    userId: e.userId,
    type: 'group-membership',
    title: e.approved ? `You joined ${e.groupName}` : `Your request to join ${e.groupName} was declined`,
    body: e.approved
      ? `Your request to join ${e.groupName} was accepted. You are a member now: its meetings and discussion are open to you.`
      : `The organisers of ${e.groupName} declined your request. Other groups for your course are listed under Study groups.`,
    link: e.approved ? groupLink(e.groupId) : '/groups',
  };
}

export function threadRepliedNotice(e: InGroup & { postId: string; postAuthorId: string; replierName: string }): NewNotification {
  return {
    userId: e.postAuthorId,
    type: 'group-reply',
    title: `${e.replierName} replied to your post in ${e.groupName}`,
    body: `${e.replierName} replied to your post in ${e.groupName}'s discussion.`,
    link: groupLink(e.groupId),
  };
}

export interface MeetingReminderEvent extends InGroup {
  kind: 'day' | 'hour';
  meetingId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  attendeeIds: string[];
}

/** A day or an hour before a meeting, each member going hears of it, in their own zone, with where it happens. */
export function meetingReminderNotices(e: MeetingReminderEvent, recipients: Map<string, Recipient>): NewNotification[] {
  return e.attendeeIds.map((userId) => ({
    userId,
    type: 'session-reminder',
    title: `${e.kind === 'day' ? 'Tomorrow' : 'In an hour'}: ${e.title} with ${e.groupName}`,
    body: [
      `${e.groupName}: ${e.title}, ${sessionTime(e.startsAt, e.endsAt, recipients.get(userId)?.timezone)}.`,
      e.place ? `${/^https?:/.test(e.place) ? 'Join at' : 'Meet at'}: ${e.place}` : 'Where: see the group page',
    ].join('\n'),
    link: groupLink(e.groupId),
  }));
}
