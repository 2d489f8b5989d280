// Builds the notifications service's Express app without listening, so tests drive it through supertest.
import type { Express } from 'express';
import { Api, authenticate, createServiceApp, type AppSettings } from '@tutoring-platform/shared';
import { services } from '@tutoring-platform/shared/catalog';
import type { NotificationsDependencies } from './dependencies';
import { eventRoutes } from './http/events-router';
import { notificationRoutes } from './http/notifications-router';

/** The service's routes; also what the web app's API types are generated from. */
export function createApi(deps: NotificationsDependencies): Api {
  const api = new Api(
    {
      title: 'Notifications service',
      version: '1.0.0',
      description: 'Each person’s inbox, email about their sessions, reminders before them, and email preferences.',
    },
    services.notifications.pathPrefix,
    {
      inbox: 'What I was told, read and unread',
      preferences: 'Which notifications also come by email',
      events: 'Events from the platform’s other services',
    },
  );
  notificationRoutes(api, deps);
  eventRoutes(api, deps);
  return api;
}

export function createApp(deps: NotificationsDependencies, settings: AppSettings): Express {
  return createServiceApp({ api: createApi(deps), ...settings, before: [authenticate(deps.resolveKey, deps.tokens)] });
}
