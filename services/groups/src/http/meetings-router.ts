// /api/groups/:groupId/meetings and /tutor-sessions: schedule, answer, cancel, .ics; tutor-led sessions booked
// through the tutoring service; /api/groups/meetings/upcoming across my groups.
import { z } from 'zod';
import { AppError, bearerToken, ianaTimeZone, type Api, text } from '@tutoring-platform/shared';
import type { GroupsDependencies } from '../dependencies';
import {
  answerMeeting,
  bookTutorSession,
  cancelMeeting,
  getMeeting,
  listMeetings,
  meetingCalendar,
  scheduleMeeting,
  upcomingMeetings,
} from '../domain/schedule-meeting';
import { groupParams, meetingSchema, rsvpSchema } from './views';

const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
const idempotencyKey = z.string().regex(/^[\x21-\x7e]{1,200}$/);

export function meetingRoutes(api: Api, deps: GroupsDependencies): void {
  const byMeeting = z.object({ groupId: z.uuid(), meetingId: z.uuid() });

  api.route({
    method: 'get',
    path: '/meetings/upcoming',
    tag: 'meetings',
    summary: 'Upcoming meetings across all my groups, soonest first, with my answer',
    access: 'user',
    response: z.object({
      meetings: z.array(z.object({ meeting: meetingSchema, groupName: z.string(), myRsvp: rsvpSchema.shape.status.nullable() })),
    }),
    handle: async ({ user }) => ({ meetings: await upcomingMeetings(deps, user) }),
  });

  api.route({
    method: 'post',
    path: '/:groupId/meetings',
    tag: 'meetings',
    summary: 'Schedule a meeting (owners and moderators); location and link default to the group’s',
    access: 'user',
    params: groupParams,
    body: z.strictObject({
      title: text(120).min(1),
      startsAt: instant,
      endsAt: instant,
      timezone: ianaTimeZone,
      location: text(300).min(1).nullable().default(null),
      meetingLink: z
        .url({ protocol: /^https?$/ })
        .max(500)
        .nullable()
        .default(null),
      agenda: text(4000, { multiline: true }).default(''),
      capacity: z.number().int().min(1).max(500).nullable().default(null),
    }),
    response: meetingSchema,
    status: 201,
    errors: [403, 404, 409, 422],
    handle: async ({ user, params, body }) => scheduleMeeting(deps, user, params.groupId, body),
  });

  api.route({
    method: 'post',
    path: '/:groupId/tutor-sessions',
    tag: 'meetings',
    summary: 'Book one of a tutor’s slots for the group (owners and moderators; requires an Idempotency-Key header)',
    access: 'user',
    params: groupParams,
    body: z.strictObject({
      tutorId: z.uuid(),
      courseId: z.uuid(),
      start: instant,
      length: z.number().int().min(15).max(720),
      timezone: ianaTimeZone,
      title: text(120).min(1).default('Tutor session'),
      agenda: text(4000, { multiline: true }).default(''),
      message: text(2000, { multiline: true }).default(''),
      seats: z.number().int().min(1).max(50).optional(),
    }),
    response: meetingSchema,
    status: 201,
    errors: [403, 404, 409, 422, 503],
    handle: async ({ user, params, body, req }) => {
      const key = idempotencyKey.safeParse(req.get('idempotency-key'));
      if (!key.success) throw new AppError('idempotency-key-required', 400, 'Send an Idempotency-Key header (1 to 200 visible characters)');
      const { length, ...rest } = body;
      return bookTutorSession(deps, user, bearerToken(req), params.groupId, { ...rest, lengthMinutes: length }, key.data);
    },
  });

  api.route({
    method: 'get',
    path: '/:groupId/meetings',
    tag: 'meetings',
    summary: 'A group’s upcoming (soonest first) or past (latest first) meetings',
    access: 'public',
    params: groupParams,
    query: z.object({ when: z.enum(['upcoming', 'past']).default('upcoming') }),
    response: z.object({ meetings: z.array(meetingSchema) }),
    errors: [403, 404],
    handle: async ({ user, params, query }) => ({ meetings: await listMeetings(deps, user, params.groupId, query.when) }),
  });

  api.route({
    method: 'get',
    path: '/:groupId/meetings/:meetingId',
    tag: 'meetings',
    summary: 'A meeting with everyone’s answers and the order of its waitlist',
    access: 'public',
    params: byMeeting,
    response: z.object({ meeting: meetingSchema, rsvps: z.array(rsvpSchema) }),
    errors: [403, 404],
    handle: async ({ user, params }) => getMeeting(deps, user, params.groupId, params.meetingId),
  });

  api.route({
    method: 'put',
    path: '/:groupId/meetings/:meetingId/rsvp',
    tag: 'meetings',
    summary: 'Answer going, maybe or not going (members); going beyond capacity joins the meeting’s waitlist',
    access: 'user',
    params: byMeeting,
    body: z.strictObject({ status: z.enum(['going', 'maybe', 'not_going']) }),
    response: rsvpSchema,
    errors: [403, 404, 409],
    handle: async ({ user, params, body }) => answerMeeting(deps, user, params.groupId, params.meetingId, body.status),
  });

  api.route({
    method: 'post',
    path: '/:groupId/meetings/:meetingId/cancel',
    tag: 'meetings',
    summary: 'Cancel a meeting (owners and moderators; a tutor session by the member who booked it)',
    access: 'user',
    params: byMeeting,
    body: z.strictObject({ reason: text(500, { multiline: true }).min(1).optional() }).optional(),
    response: meetingSchema,
    errors: [403, 404, 409, 503],
    handle: async ({ user, params, body, req }) =>
      cancelMeeting(deps, user, bearerToken(req), params.groupId, params.meetingId, body?.reason ?? null),
  });

  api.route({
    method: 'get',
    path: '/:groupId/meetings/:meetingId/ics',
    tag: 'meetings',
    summary: 'The meeting as an .ics calendar file',
    access: 'public',
    params: byMeeting,
    produces: 'text/calendar',
    errors: [403, 404],
    handle: async ({ user, params, res }) => {
      const ics = await meetingCalendar(deps, user, params.groupId, params.meetingId);
      res.type('text/calendar').setHeader('content-disposition', `attachment; filename="meeting-${params.meetingId}.ics"`).send(ics);
    },
  });
}
