// Builds the groups service's Express app without listening, so tests drive it through supertest.
import type { Express } from 'express';
import { Api, authenticate, createServiceApp, type AppSettings } from '@tutoring-platform/shared';
import { services } from '@tutoring-platform/shared/catalog';
import type { GroupsDependencies } from './dependencies';
import { groupRoutes } from './http/groups-router';
import { eventRoutes } from './http/events-router';
import { freeTimeRoutes } from './http/free-time-router';
import { meetingRoutes } from './http/meetings-router';
import { memberRoutes } from './http/members-router';
import { postRoutes } from './http/posts-router';

/** The service's routes; also what the web app's API types are generated from. */
export function createApi(deps: GroupsDependencies): Api {
  const api = new Api(
    {
      title: 'Groups service',
      version: '1.0.0',
      description: 'Study groups: membership and waitlists, meetings with RSVPs and tutor sessions, discussion.',
    },
    services.groups.pathPrefix,
    {
      groups: 'Finding, creating and running study groups',
      membership: 'Joining, leaving, waitlists, requests, roles and bans',
      meetings: 'Group meetings, RSVPs and sessions with a tutor',
      discussion: 'A group’s discussion threads',
      events: 'Events from the platform’s other services',
    },
  );
  eventRoutes(api, deps);
  meetingRoutes(api, deps);
  freeTimeRoutes(api, deps);
  groupRoutes(api, deps);
  memberRoutes(api, deps);
  postRoutes(api, deps);
  return api;
}

export function createApp(deps: GroupsDependencies, settings: AppSettings): Express {
  return createServiceApp({ api: createApi(deps), ...settings, before: [authenticate(deps.resolveKey, deps.tokens)] });
}
