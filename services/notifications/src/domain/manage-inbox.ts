// A person's inbox: what they were told, newest first; read and unread; and which email they want.
import { AppError, pageOf } from '@tutoring-platform/shared';
import { notificationTypes, type NotificationRecord, type NotificationType } from '../data/notification-repository';
import type { NotificationsDependencies } from '../dependencies';

export async function listNotifications(
  deps: NotificationsDependencies,
  userId: string,
  limit: number,
  after?: { createdAt: string; id: string },
) {
  const rows = await deps.notifications.listFor(userId, limit + 1, after);
  const page = pageOf(rows, limit, (last: NotificationRecord) => ({ createdAt: last.createdAt.toISOString(), id: last.id }));
  return { ...page, unread: await deps.notifications.unreadCount(userId) };
}

export const unreadCount = (deps: NotificationsDependencies, userId: string) => deps.notifications.unreadCount(userId);

/** Someone else's notification answers exactly like one that does not exist. */
export async function markRead(deps: NotificationsDependencies, userId: string, id: string): Promise<NotificationRecord> {
  const read = await deps.notifications.markRead(userId, id);
  if (!read) throw new AppError('notification-not-found', 404, 'No such notification');
  return read;
}

export const markAllRead = (deps: NotificationsDependencies, userId: string) => deps.notifications.markAllRead(userId);

/** Which types of notification also come by email (all, until turned off). */
export async function emailPreferences(deps: NotificationsDependencies, userId: string): Promise<Record<NotificationType, boolean>> {
  const off = new Set(await deps.notifications.emailOptOuts(userId));
  return Object.fromEntries(notificationTypes.map((type) => [type, !off.has(type)])) as Record<NotificationType, boolean>;
}

export async function setEmailPreferences(
  deps: NotificationsDependencies,
  userId: string,
  changes: Partial<Record<NotificationType, boolean>>,
): Promise<Record<NotificationType, boolean>> {
  for (const [type, on] of Object.entries(changes) as Array<[NotificationType, boolean]>) {
    await deps.notifications.setEmailOptOut(userId, type, !on);
  }
  return emailPreferences(deps, userId);
}

/** The one-click link of an email: no sign-in, the token names the person. An unknown token is a 404. */
export async function unsubscribe(deps: NotificationsDependencies, token: string, type: NotificationType) {
  const recipient = await deps.recipients.findByUnsubscribeToken(token);
  if (!recipient) throw new AppError('unsubscribe-link-unknown', 404, 'This unsubscribe link is not known');
  await deps.notifications.setEmailOptOut(recipient.userId, type, true);
  return { type, email: false };
}
