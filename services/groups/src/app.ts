// Builds the groups service's Express app without listening, so tests drive it through supertest.
import type { Express } from 'express';
import { Api, authenticate, createServiceApp, routeFor, type AppSettings } from '@tutoring-platform/shared';
import type { GroupsDependencies } from './dependencies';
import { groupRoutes } from './http/groups-router';
import { meetingRoutes } from './http/meetings-router';
import { memberRoutes } from './http/members-router';
import { postRoutes } from './http/posts-router';

export function createApp(deps: GroupsDependencies, settings: AppSettings): Express {
  const api = new Api(
    {
      title: 'Groups service',
      version: '1.0.0',
      description: 'Study groups: membership and waitlists, meetings with RSVPs and tutor sessions, discussion.',
    },
    routeFor('groups').pathPrefix,
  );
  meetingRoutes(api, deps);
  groupRoutes(api, deps);
  memberRoutes(api, deps);
  postRoutes(api, deps);
  return createServiceApp({ api, ...settings, before: [authenticate(deps.resolveKey, deps.tokens)] });
}
