// Sends the email the outbox holds (the relay's `email` destination): a notification's, unless its reader turned
// that type off, or an account message's (a reset link, an address to confirm, a change of email), always. It goes to the address known now; an account
// not heard of yet is tried again later, once its event has arrived.
import type { DeliveryOutcome, OutboundEvent } from '@tutoring-platform/shared';
import type { NotificationsDependencies } from '../dependencies';
import { accountMessage, emailMessage, type AccountMessage, type EmailMessage } from './email-message';

const accountMessages = new Set<string>(['password-reset', 'email-verification', 'email-change-notice'] satisfies AccountMessage['type'][]);

async function messageFor(deps: NotificationsDependencies, event: OutboundEvent): Promise<EmailMessage | DeliveryOutcome | null> {
  if (accountMessages.has(event.type)) {
    const message = { ...event.data, type: event.type } as AccountMessage;
    const recipient = (await deps.recipients.findMany([message.userId])).get(message.userId);
    if (!recipient) return { outcome: 'retry', reason: `account ${message.userId} is not known yet` };
    return accountMessage(recipient, event.id, message, deps.site);
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
