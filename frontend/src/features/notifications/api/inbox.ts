// A person's inbox and email preferences, and the one-click unsubscribe of an email.
import { queryOptions } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { NotificationsResponse, NotificationsSchema } from '../../../lib/api-types';

export type Notification = NotificationsSchema<'Notification'>;
export type EmailPreferences = NotificationsSchema<'EmailPreferences'>;
export type NotificationType = Notification['type'];

export const inboxKeys = {
  all: ['notifications'] as const,
  list: () => [...inboxKeys.all, 'list'] as const,
  unread: () => [...inboxKeys.all, 'unread'] as const,
  preferences: () => [...inboxKeys.all, 'preferences'] as const,
};

export const listNotifications = () =>
  apiRequest<NotificationsResponse<'/api/notifications/notifications', 'get'>>('/api/notifications/notifications', {
    query: { limit: 50 },
  });

export const countUnread = () =>
  apiRequest<NotificationsResponse<'/api/notifications/notifications/unread-count', 'get'>>(
    '/api/notifications/notifications/unread-count',
  ).then((r) => r.unread);

/** The navigation's badge: asked again every minute (and when the window regains focus). */
export const unreadQuery = queryOptions({ queryKey: inboxKeys.unread(), queryFn: countUnread, refetchInterval: 60_000 });

export const markRead = (id: string) => apiRequest<Notification>(`/api/notifications/notifications/${id}/read`, { method: 'POST' });

export const markAllRead = () => apiRequest('/api/notifications/notifications/read-all', { method: 'POST' });

export const getEmailPreferences = () => apiRequest<EmailPreferences>('/api/notifications/notifications/preferences');

export const updateEmailPreferences = (changes: Partial<EmailPreferences>) =>
  apiRequest<EmailPreferences>('/api/notifications/notifications/preferences', { method: 'PATCH', body: changes });

export const unsubscribe = (token: string, type: NotificationType) =>
  apiRequest(`/api/notifications/unsubscribe/${encodeURIComponent(token)}/${encodeURIComponent(type)}`, { method: 'POST' });

/** What each type is, in the words the settings use. */
export const typeNames: Record<NotificationType, string> = {
  'booking-request': 'New session requests (as a tutor)',
  'booking-update': 'Confirmations, declines, cancellations and moves of my sessions',
  'session-reminder': 'Reminders a day and an hour before each session and group meeting',
  'course-approval': 'Decisions on the courses I tutor',
  'group-membership': 'A place or an answer in a study group',
  'group-reply': 'Replies to my posts in study groups',
};
