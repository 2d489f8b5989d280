// Sends the email the outbox holds (the relay's `email` destination): a notification's, unless its reader turned
// that type off, or an account message's (a password reset), always. It goes to the address known now; an account
// not heard of yet is tried again later, once its event has arrived.
import type { DeliveryOutcome, OutboundEvent } from '@tutoring-platform/shared';
import type { NotificationsDependencies } from '../dependencies';
import { emailMessage, passwordResetMessage, type EmailMessage } from './email-message';

async function messageFor(deps: NotificationsDependencies, event: OutboundEvent): Promise<EmailMessage | DeliveryOutcome | null> {
  if (event.type === 'password-reset') {
    const { userId, token, expiresAt } = event.data as { userId: string; token: string; expiresAt: string };
    const recipient = (await deps.recipients.findMany([userId])).get(userId);
    if (!recipient) return { outcome: 'retry', reason: `account ${userId} is not known yet` };
    return passwordResetMessage(recipient, { id: event.id, token, expiresAt }, deps.site);
  }
  const notification = await deps.notifications.findById(String(event.data.notificationId));
  if (!notification) return { outcome: 'rejected', reason: 'the notification no longer exists' };
  const recipient = (await deps.recipients.findMany([notification.userId])).get(notification.userId);
  if (!recipient) return { outcome: 'retry', reason: `account ${notification.userId} is not known yet` };
  if ((await deps.notifications.emailOptOuts(notification.userId)).includes(notification.type)) return null;
  return emailMessage(notification, recipient, deps.site);
}

export async function sendNotificationEmail(deps: NotificationsDependencies, event: OutboundEvent): Promise<DeliveryOutcome> {
  const message = await messageFor(deps, event);
  if (message === null) return { outcome: 'delivered' };
  if ('outcome' in message) return message;
  try {
    await deps.mail.send(message);
    return { outcome: 'delivered' };
  } catch (err) {
    return { outcome: 'retry', reason: (err as Error).message };
  }
}
