// /api/groups/:groupId/meetings and /tutor-sessions: schedule, answer, cancel, .ics; tutor-led sessions booked
// through the tutoring service; /api/groups/meetings/upcoming across my groups.
import { z } from 'zod';
import { bearerToken, ianaTimeZone, idempotencyKeyHeader, type Api, text } from '@tutoring-platform/shared';
import type { GroupsDependencies } from '../dependencies';
import { accessErrors } from '../domain/group-access';
import {
  answerMeeting,
  bookTutorSession,
  cancelMeeting,
  editMeeting,
  getMeeting,
  listMeetings,
  meetingCalendar,
  scheduleMeeting,
  upcomingMeetings,
} from '../domain/schedule-meeting';
import { groupParams, meetingSchema, rsvpSchema } from './views';

const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

export function meetingRoutes(api: Api, deps: GroupsDependencies): void {
  const byMeeting = z.object({ groupId: z.uuid(), meetingId: z.uuid() });

  api.route({
    method: 'get',
    path: '/meetings/upcoming',
    operationId: 'listMyUpcomingMeetings',
    description: 'The coming meetings of every group I belong to, soonest first, with my answer to each.',
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
    operationId: 'scheduleMeeting',
    description: 'Owners and moderators schedule a meeting in the future, of at most 12 hours. Its place and link default to the group’s.',
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
    errors: [accessErrors.manager, { 422: ['invalid-meeting-times', 'meeting-in-past'] }],
    examples: {
      body: {
        title: 'Chapter 5: eigenvalues',
        startsAt: '2026-12-07T18:00:00Z',
        endsAt: '2026-12-07T19:30:00Z',
        timezone: 'Europe/London',
        location: null,
        meetingLink: null,
        agenda: 'Bring the 2024 paper.',
        capacity: null,
      },
    },
    handle: async ({ user, params, body }) => scheduleMeeting(deps, user, params.groupId, body),
  });

  api.route({
    method: 'post',
    path: '/:groupId/tutor-sessions',
    operationId: 'bookGroupTutorSession',
    description:
      'Owners and moderators book one of a tutor’s open slots for the group through the tutoring service, with seats for the members, and the session becomes a group meeting. The tutoring service’s own refusals (`slot-taken`...) are passed on as it gave them.',
    tag: 'meetings',
    summary: 'Book one of a tutor’s slots for the group',
    access: 'user',
    headers: { idempotencyKey: idempotencyKeyHeader(200) },
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
    errors: [
      accessErrors.manager,
      {
        404: ['tutor-not-found'],
        409: ['slot-taken', 'student-double-booked'],
        422: [
          'cannot-book-self',
          'course-not-offered',
          'group-too-large',
          'idempotency-key-reused',
          'length-not-offered',
          'mode-not-offered',
          'slot-unavailable',
          'weekly-cap-reached',
        ],
        503: ['tutor-busy'],
      },
    ],
    examples: {
      body: {
        tutorId: '3f1c9a2e-8d4b-4c61-9f0e-2a7b5c8d9e10',
        courseId: '6b2d4f8a-1c3e-4a5b-8d7f-9e0a1b2c3d4e',
        start: '2026-12-09T17:00:00Z',
        length: 90,
        timezone: 'Europe/London',
        title: 'Review session with a tutor',
        agenda: '',
        message: 'Six of us, mostly stuck on diagonalisation',
        seats: 6,
      },
    },
    handle: async ({ user, params, body, headers, req }) => {
      const { length, ...rest } = body;
      return bookTutorSession(deps, user, bearerToken(req), params.groupId, { ...rest, lengthMinutes: length }, headers.idempotencyKey);
    },
  });

  api.route({
    method: 'get',
    path: '/:groupId/meetings',
    operationId: 'listGroupMeetings',
    description:
      'A group’s upcoming meetings, soonest first, or past ones, latest first. Open to anyone in a public group, else to members.',
    tag: 'meetings',
    summary: 'A group’s upcoming (soonest first) or past (latest first) meetings',
    access: 'public',
    params: groupParams,
    query: z.object({ when: z.enum(['upcoming', 'past']).default('upcoming') }),
    response: z.object({ meetings: z.array(meetingSchema) }),
    errors: accessErrors.read,
    handle: async ({ user, params, query }) => ({ meetings: await listMeetings(deps, user, params.groupId, query.when) }),
  });

  api.route({
    method: 'get',
    path: '/:groupId/meetings/:meetingId',
    operationId: 'getMeeting',
    description: 'One meeting with everyone’s answers and the order of its waitlist.',
    tag: 'meetings',
    summary: 'A meeting with everyone’s answers and the order of its waitlist',
    access: 'public',
    params: byMeeting,
    response: z.object({ meeting: meetingSchema, rsvps: z.array(rsvpSchema) }),
    errors: [accessErrors.read, { 404: ['meeting-not-found'] }],
    handle: async ({ user, params }) => getMeeting(deps, user, params.groupId, params.meetingId),
  });

  api.route({
    method: 'patch',
    path: '/:groupId/meetings/:meetingId',
    operationId: 'editMeeting',
    description:
      'Owners and moderators change one meeting: its title, times, place, link or agenda. A meeting written from the weekly schedule can be changed alone; a tutor session takes only a new title or agenda.',
    tag: 'meetings',
    summary: 'Change one meeting (owners and moderators)',
    access: 'user',
    params: byMeeting,
    body: z
      .strictObject({
        title: text(120).min(1),
        startsAt: instant,
        endsAt: instant,
        location: text(300).min(1).nullable(),
        meetingLink: z
          .url({ protocol: /^https?$/ })
          .max(500)
          .nullable(),
        agenda: text(4000, { multiline: true }),
      })
      .partial(),
    response: meetingSchema,
    errors: [
      accessErrors.manager,
      { 404: ['meeting-not-found'], 409: ['meeting-cancelled', 'tutor-session-fixed'], 422: ['invalid-meeting-times', 'meeting-in-past'] },
    ],
    examples: { body: { title: 'Chapter 6 instead', agenda: 'Bring the 2023 paper.' } },
    handle: async ({ user, params, body }) => editMeeting(deps, user, params.groupId, params.meetingId, body),
  });

  api.route({
    method: 'put',
    path: '/:groupId/meetings/:meetingId/rsvp',
    operationId: 'answerMeeting',
    description:
      'A member answers going, maybe or not going. Going beyond the meeting’s capacity joins its waitlist; a place freed goes to the first in it.',
    tag: 'meetings',
    summary: 'Answer going, maybe or not going (members); going beyond capacity joins the meeting’s waitlist',
    access: 'user',
    params: byMeeting,
    body: z.strictObject({ status: z.enum(['going', 'maybe', 'not_going']) }),
    response: rsvpSchema,
    errors: [accessErrors.member, { 404: ['meeting-not-found'], 409: ['meeting-cancelled', 'meeting-over'] }],
    examples: { body: { status: 'going' } },
    handle: async ({ user, params, body }) => answerMeeting(deps, user, params.groupId, params.meetingId, body.status),
  });

  api.route({
    method: 'post',
    path: '/:groupId/meetings/:meetingId/cancel',
    operationId: 'cancelMeeting',
    description:
      'Owners and moderators cancel a meeting. A tutor session is cancelled only by the member who booked it, and the booking is cancelled with the tutoring service too.',
    tag: 'meetings',
    summary: 'Cancel a meeting (owners and moderators; a tutor session by the member who booked it)',
    access: 'user',
    params: byMeeting,
    body: z.strictObject({ reason: text(500, { multiline: true }).min(1).optional() }).optional(),
    response: meetingSchema,
    errors: [
      accessErrors.managerOfArchived,
      {
        403: ['organizer-only'],
        404: ['booking-not-found', 'meeting-not-found'],
        409: ['cancellation-window-passed', 'invalid-transition', 'meeting-cancelled', 'session-started'],
      },
    ],
    handle: async ({ user, params, body, req }) =>
      cancelMeeting(deps, user, bearerToken(req), params.groupId, params.meetingId, body?.reason ?? null),
  });

  api.route({
    method: 'get',
    path: '/:groupId/meetings/:meetingId/ics',
    operationId: 'getMeetingCalendar',
    description: 'One meeting as an iCalendar (RFC 5545) file, with its place or link.',
    tag: 'meetings',
    summary: 'The meeting as an .ics calendar file',
    access: 'public',
    params: byMeeting,
    produces: 'text/calendar',
    errors: [accessErrors.read, { 404: ['meeting-not-found'] }],
    handle: async ({ user, params, res }) => {
      const ics = await meetingCalendar(deps, user, params.groupId, params.meetingId);
      res.type('text/calendar').setHeader('content-disposition', `attachment; filename="meeting-${params.meetingId}.ics"`).send(ics);
    },
  });
}
