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
    operationId: 'getBookingCalendar',
    description:
      'An iCalendar (RFC 5545) file for one of my sessions, as student or tutor, with the meeting link or place, to add to any calendar app.',
    tag: 'calendar',
    summary: 'One of my bookings as an iCalendar file, with both parties’ local times',
    access: 'user',
    params: z.object({ bookingId: z.uuid() }),
    produces: ICS,
    errors: { 404: ['booking-not-found'] },
    handle: async ({ user, params, res }) => {
      const ics = await bookingCalendar(deps, user, params.bookingId);
      res.type(ICS).setHeader('Content-Disposition', 'attachment; filename="tutoring-session.ics"');
      res.send(ics);
    },
  });

  api.route({
    method: 'post',
    path: '/calendar/feed',
    operationId: 'createCalendarFeed',
    description:
      'Creates a secret URL that serves all my upcoming sessions as an iCalendar feed, for calendar apps to subscribe to. Creating a new one revokes the previous URL.',
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
    operationId: 'deleteCalendarFeed',
    description: 'Revokes my calendar feed URL; calendar apps subscribed to it stop receiving updates.',
    tag: 'calendar',
    summary: 'Turn my calendar feed off',
    access: 'user',
    handle: async ({ user }) => removeCalendarFeed(deps, user),
  });

  api.route({
    method: 'get',
    path: '/calendar/feeds/:token.ics',
    operationId: 'getCalendarFeed',
    description:
      'The feed itself. It needs no sign-in because calendar apps cannot sign in: the 256-bit token in the URL is the credential, so treat the URL as a secret.',
    tag: 'calendar',
    summary: 'A private calendar feed (the secret token in the URL is the only credential)',
    access: 'public',
    params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a feed token') }),
    produces: ICS,
    errors: { 404: ['feed-not-found'] },
    handle: async ({ params, res }) => {
      const ics = await calendarFeed(deps, params.token);
      res.type(ICS).setHeader('Cache-Control', 'private, max-age=300');
      res.send(ics);
    },
  });
}
