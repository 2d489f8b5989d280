// /notifications: a person's inbox and their email preferences; /unsubscribe: an email's one-click link.
import { z } from 'zod';
import { cursorSchema, encodeCursor, type Api } from '@tutoring-platform/shared';
import { notificationTypes, type NotificationRecord } from '../data/notification-repository';
import type { NotificationsDependencies } from '../dependencies';
import {
  emailPreferences,
  listNotifications,
  markAllRead,
  markRead,
  setEmailPreferences,
  unreadCount,
  unsubscribe,
} from '../domain/manage-inbox';

const typeSchema = z.enum(notificationTypes);

const notificationSchema = z
  .object({
    id: z.uuid(),
    type: typeSchema,
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    createdAt: z.iso.datetime(),
    read: z.boolean(),
  })
  .meta({ id: 'Notification' });

const notificationView = (n: NotificationRecord) => ({
  id: n.id,
  type: n.type,
  title: n.title,
  body: n.body,
  link: n.link,
  createdAt: n.createdAt.toISOString(),
  read: n.readAt !== null,
});

const preferencesSchema = z
  .object(Object.fromEntries(notificationTypes.map((t) => [t, z.boolean()])) as Record<(typeof notificationTypes)[number], z.ZodBoolean>)
  .meta({ id: 'EmailPreferences' });

const cursor = cursorSchema(z.object({ createdAt: z.iso.datetime(), id: z.uuid() }));

export function notificationRoutes(api: Api, deps: NotificationsDependencies): void {
  api.route({
    method: 'get',
    path: '/notifications',
    operationId: 'listMyNotifications',
    description: 'The caller’s notifications, newest first, a page at a time, with how many are unread in all.',
    tag: 'inbox',
    summary: 'My notifications, newest first',
    access: 'user',
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: cursor.optional() }),
    response: z.object({ notifications: z.array(notificationSchema), unread: z.number().int(), nextCursor: z.string().nullable() }),
    handle: async ({ user, query }) => {
      const page = await listNotifications(deps, user.id, query.limit, query.cursor);
      return {
        notifications: page.items.map(notificationView),
        unread: page.unread,
        nextCursor: page.next ? encodeCursor(page.next) : null,
      };
    },
  });

  api.route({
    method: 'get',
    path: '/notifications/unread-count',
    operationId: 'countMyUnreadNotifications',
    description: 'How many of the caller’s notifications are unread: the badge in the web app’s navigation.',
    tag: 'inbox',
    summary: 'How many of my notifications are unread',
    access: 'user',
    response: z.object({ unread: z.number().int() }),
    handle: async ({ user }) => ({ unread: await unreadCount(deps, user.id) }),
  });

  api.route({
    method: 'post',
    path: '/notifications/:notificationId/read',
    operationId: 'markNotificationRead',
    description: 'Marks one of the caller’s notifications read. Anyone else’s answers 404, as if it did not exist.',
    tag: 'inbox',
    summary: 'Mark one of my notifications read',
    access: 'user',
    params: z.object({ notificationId: z.uuid() }),
    response: notificationSchema,
    errors: { 404: ['notification-not-found'] },
    handle: async ({ user, params }) => notificationView(await markRead(deps, user.id, params.notificationId)),
  });

  api.route({
    method: 'post',
    path: '/notifications/read-all',
    operationId: 'markAllNotificationsRead',
    description: 'Marks every one of the caller’s notifications read.',
    tag: 'inbox',
    summary: 'Mark all my notifications read',
    access: 'user',
    response: z.object({ marked: z.number().int() }),
    handle: async ({ user }) => ({ marked: await markAllRead(deps, user.id) }),
  });

  api.route({
    method: 'get',
    path: '/notifications/preferences',
    operationId: 'getMyEmailPreferences',
    description: 'Which types of notification also come to the caller by email.',
    tag: 'preferences',
    summary: 'My email preferences',
    access: 'user',
    response: preferencesSchema,
    handle: async ({ user }) => emailPreferences(deps, user.id),
  });

  api.route({
    method: 'patch',
    path: '/notifications/preferences',
    operationId: 'updateMyEmailPreferences',
    description: 'Turns email on or off per type of notification; types left out stay as they are. The inbox gets every notification.',
    tag: 'preferences',
    summary: 'Change my email preferences',
    access: 'user',
    body: preferencesSchema.partial().strict(),
    response: preferencesSchema,
    handle: async ({ user, body }) => setEmailPreferences(deps, user.id, body),
  });

  api.route({
    method: 'post',
    path: '/unsubscribe/:token/:type',
    operationId: 'unsubscribeFromEmail',
    description:
      'An email’s one-click unsubscribe (RFC 8058, `List-Unsubscribe-Post`): turns off that type of email for the person the token names, without signing in. Any body is ignored.',
    tag: 'preferences',
    summary: 'Stop one type of email from its link',
    access: 'public',
    params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/), type: typeSchema }),
    response: z.object({ type: typeSchema, email: z.boolean() }),
    errors: { 404: ['unsubscribe-link-unknown'] },
    handle: async ({ params }) => unsubscribe(deps, params.token, params.type),
  });
}
