// Sends a notification's email (the outbox relay's `email` destination): to the address known now, unless its reader
// turned that type off. An account not heard of yet is tried again later, when its event has arrived.
import type { DeliveryOutcome, OutboundEvent } from '@tutoring-platform/shared';
import type { NotificationsDependencies } from '../dependencies';
import { emailMessage } from './email-message';

export async function sendNotificationEmail(deps: NotificationsDependencies, event: OutboundEvent): Promise<DeliveryOutcome> {
  const notification = await deps.notifications.findById(String(event.data.notificationId));
  if (!notification) return { outcome: 'rejected', reason: 'the notification no longer exists' };
  const recipient = (await deps.recipients.findMany([notification.userId])).get(notification.userId);
  if (!recipient) return { outcome: 'retry', reason: `account ${notification.userId} is not known yet` };
  if ((await deps.notifications.emailOptOuts(notification.userId)).includes(notification.type)) return { outcome: 'delivered' };
  try {
    await deps.mail.send(emailMessage(notification, recipient, deps.site));
    return { outcome: 'delivered' };
  } catch (err) {
    return { outcome: 'retry', reason: (err as Error).message };
  }
}
