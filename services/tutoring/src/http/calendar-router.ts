// Calendar files: one booking as .ics, and a private feed URL to subscribe to.
import { z } from 'zod';
import type { Api } from '@tutoring-platform/shared';
import type { TutoringDependencies } from '../dependencies';
import { bookingCalendar, calendarFeed, createCalendarFeed, removeCalendarFeed } from '../domain/calendar';

const ICS = 'text/calendar; charset=utf-8';

export function calendarRoutes(api: Api, deps: TutoringDependencies): void {
  api.route({
    method: 'get',
    path: '/bookings/:bookingId/calendar.ics',
    tag: 'calendar',
    summary: 'One of my bookings as an iCalendar file, with both parties’ local times',
    access: 'user',
    params: z.object({ bookingId: z.uuid() }),
    produces: ICS,
    errors: [404],
    handle: async ({ user, params, res }) => {
      const ics = await bookingCalendar(deps, user, params.bookingId);
      res.type(ICS).setHeader('Content-Disposition', 'attachment; filename="tutoring-session.ics"');
      res.send(ics);
    },
  });

  api.route({
    method: 'post',
    path: '/calendar/feed',
    tag: 'calendar',
    summary: 'Create (or replace) my private calendar feed URL; the old URL stops working',
    access: 'user',
    response: z.object({ path: z.string(), url: z.string() }),
    status: 201,
    handle: async ({ user, req, res }) => {
      const path = `${api.prefix}/calendar/feeds/${await createCalendarFeed(deps, user)}.ics`;
      res.setHeader('Cache-Control', 'no-store');
      return { path, url: `${req.protocol}://${req.get('host')}${path}` };
    },
  });

  api.route({
    method: 'delete',
    path: '/calendar/feed',
    tag: 'calendar',
    summary: 'Turn my calendar feed off',
    access: 'user',
    handle: async ({ user }) => removeCalendarFeed(deps, user),
  });

  api.route({
    method: 'get',
    path: '/calendar/feeds/:token.ics',
    tag: 'calendar',
    summary: 'A private calendar feed (the secret token in the URL is the only credential)',
    access: 'public',
    params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a feed token') }),
    produces: ICS,
    errors: [404],
    handle: async ({ params, res }) => {
      const ics = await calendarFeed(deps, params.token);
      res.type(ICS).setHeader('Cache-Control', 'private, max-age=300');
      res.send(ics);
    },
  });
}
