// What a study group's member is told: a place from the waitlist, an answer to a request to join, a reply under
// their post. Pure text; the groups service reports each through its outbox (services/groups/src/clients/group-notices.ts).
import type { NewNotification } from '../data/notification-repository';

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
