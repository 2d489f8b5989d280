// /tutors: becoming a tutor, availability, public profiles, open slots and course approval.
import { z } from 'zod';
import { AppError, cursorSchema, encodeCursor, ianaTimeZone, type Api, text } from '@tutoring-platform/shared';
import type { TutoringDependencies } from '../dependencies';
import { listOpenSlots, previewOpenSlots } from '../domain/list-open-slots';
import {
  decideTutorCourse,
  getActiveTutor,
  getTutor,
  listCourseRequests,
  saveTutorProfile,
  setAvailability,
} from '../domain/manage-tutor-profile';
import { searchTutors } from '../domain/search-tutors';
import { PHOTO_SIDE, PHOTO_UPLOAD_MAX_BYTES, photoUploadTypes, readTutorPhoto, removeMyPhoto, setMyPhoto } from '../domain/tutor-photo';
import {
  availabilitySchema,
  availabilityView,
  ownTutorSchema,
  ownTutorView,
  publicTutorSchema,
  publicTutorView,
  slotSchema,
  slotView,
} from './views';

export const sessionLengths = [15, 30, 45, 60, 90, 120] as const;

/** "HH:mm" wall-clock time to minutes after midnight; "24:00" closes a day. */
const clock = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be HH:mm, 00:00 to 24:00')
  .transform((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
const ordered = <T extends { start: number; end: number }>(r: T) => r.start < r.end;
const range = z.strictObject({ start: clock, end: clock }).refine(ordered, { message: 'end must be after start', path: ['end'] });
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

const profileBody = z.strictObject({
  headline: text(120).min(1),
  bio: text(4000, { multiline: true }).default(''),
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 code such as en'))
    .min(1)
    .max(10),
  courseIds: z.array(z.uuid()).min(1).max(20),
  online: z
    .strictObject({ meetingLink: z.url({ protocol: /^https?$/ }).max(500) })
    .nullable()
    .default(null),
  inPerson: z
    .strictObject({ location: text(200).min(1) })
    .nullable()
    .default(null),
  sessionLengths: z
    .array(z.union(sessionLengths.map((n) => z.literal(n))))
    .min(1)
    .max(6)
    .transform((lengths) => [...new Set(lengths)].sort((a, b) => a - b)),
  hourlyRateCents: z.number().int().min(0).max(100_000).default(0),
  autoAccept: z.boolean().default(true),
  maxGroupSize: z.number().int().min(1).max(50).default(1),
  cancellationWindowHours: z.number().int().min(0).max(168).default(24),
});

const availabilityBody = z.strictObject({
  timezone: ianaTimeZone,
  weekly: z
    .array(
      z
        .strictObject({ weekday: z.number().int().min(1).max(7), start: clock, end: clock })
        .refine(ordered, { message: 'end must be after start', path: ['end'] }),
    )
    .max(100),
  overrides: z
    .array(z.strictObject({ date: z.iso.date(), ranges: z.array(range).max(10) }))
    .max(200)
    .default([]),
  timeOff: z
    .array(
      z
        .strictObject({ start: instant, end: instant })
        .refine((r) => r.start < r.end, { message: 'end must be after start', path: ['end'] }),
    )
    .max(100)
    .default([]),
  bufferBeforeMinutes: z.number().int().min(0).max(120).default(0),
  bufferAfterMinutes: z.number().int().min(0).max(120).default(0),
  minNoticeMinutes: z.number().int().min(0).max(43_200).default(720),
  maxHorizonDays: z.number().int().min(1).max(365).default(60),
  maxSessionsPerDay: z.number().int().min(1).max(24).nullable().default(null),
  studentWeeklyCapMinutes: z.number().int().min(15).max(2400).nullable().default(null),
});

const searchCursor = cursorSchema(z.object({ offset: z.number().int().min(0).max(100_000) }));
const MAX_SEARCH_WINDOW_MS = 31 * 86_400_000;

export function tutorRoutes(api: Api, deps: TutoringDependencies): void {
  const tutorParams = z.object({ tutorId: z.uuid() });

  api.route({
    method: 'get',
    path: '/tutors',
    operationId: 'searchTutors',
    description:
      'Finds active tutors by course (approved courses only), subject, text (typo-tolerant), language, session mode and minimum rating. With `from` and `to`, only tutors with an open slot in that window.',
    tag: 'tutors',
    summary: 'Search tutors by course, subject, text (typo-tolerant), language, mode, rating and an open slot between from and to',
    access: 'public',
    query: z.object({
      course: z.uuid().optional(),
      subject: text(80).min(1).optional(),
      q: text(100).min(1).optional(),
      language: z
        .string()
        .regex(/^[a-z]{2,3}$/)
        .optional(),
      mode: z.enum(['online', 'in_person']).optional(),
      minRating: z.coerce.number().min(1).max(5).optional(),
      from: z.iso
        .datetime({ offset: true })
        .transform((v) => new Date(v))
        .optional(),
      to: z.iso
        .datetime({ offset: true })
        .transform((v) => new Date(v))
        .optional(),
      sort: z.enum(['relevance', 'rating', 'next-slot']).default('relevance'),
      limit: z.coerce.number().int().min(1).max(50).default(20),
      cursor: searchCursor.optional(),
    }),
    response: z.object({
      tutors: z.array(publicTutorSchema.extend({ nextOpenSlot: slotSchema.nullable() })),
      nextCursor: z.string().nullable(),
    }),
    errors: { 400: ['invalid-window'] },
    handle: async ({ query }) => {
      const { from, to } = query;
      if ((from === undefined) !== (to === undefined))
        throw new AppError('invalid-window', 400, 'Give both `from` and `to`, or neither', { path: 'to' });
      if (from && to && (to <= from || to.getTime() - from.getTime() > MAX_SEARCH_WINDOW_MS)) {
        throw new AppError('invalid-window', 400, '`to` must be after `from`, at most 31 days later', { path: 'to' });
      }
      const result = await searchTutors(deps, { ...query, courseId: query.course, offset: query.cursor?.offset ?? 0 });
      return {
        tutors: result.hits.map(({ tutor, nextSlot }) => ({
          ...publicTutorView(tutor),
          nextOpenSlot: nextSlot && slotView(nextSlot),
        })),
        nextCursor: result.nextOffset === null ? null : encodeCursor({ offset: result.nextOffset }),
      };
    },
  });

  api.route({
    method: 'put',
    path: '/tutors/me',
    operationId: 'saveMyTutorProfile',
    description:
      'Any student becomes a tutor, or updates their tutor profile: headline, bio, languages, online link or in-person place, session lengths, rate, auto-accept, group size, cancellation window and courses. A newly offered course waits for an administrator’s approval before students can book it. Tutoring needs a confirmed email (`email-not-verified`).',
    tag: 'tutors',
    summary: 'Become a tutor or update the tutor profile; newly offered courses wait for approval',
    access: 'verified',
    body: profileBody,
    response: ownTutorSchema,
    errors: { 400: ['no-session-mode'], 422: ['unknown-course'] },
    examples: {
      body: {
        headline: 'Third-year maths student; patient with proofs',
        bio: '',
        languages: ['en', 'de'],
        courseIds: ['6b2d4f8a-1c3e-4a5b-8d7f-9e0a1b2c3d4e'],
        online: { meetingLink: 'https://meet.example.edu/ada' },
        inPerson: null,
        sessionLengths: [30, 60],
        hourlyRateCents: 1500,
        autoAccept: false,
        maxGroupSize: 4,
        cancellationWindowHours: 12,
      },
    },
    handle: async ({ user, body }) => {
      const { courseIds, online, inPerson, ...rest } = body;
      const profile = {
        ...rest,
        offersOnline: online !== null,
        meetingLink: online?.meetingLink ?? null,
        offersInPerson: inPerson !== null,
        location: inPerson?.location ?? null,
      };
      return ownTutorView(await saveTutorProfile(deps, user, profile, courseIds));
    },
  });

  api.route({
    method: 'get',
    path: '/tutors/me',
    operationId: 'getMyTutorProfile',
    description: 'My tutor profile as I manage it: each course with its approval state, and my availability and booking rules.',
    tag: 'tutors',
    summary: 'My tutor profile, with course approval states and availability',
    access: 'user',
    response: ownTutorSchema,
    errors: { 404: ['tutor-not-found'] },
    handle: async ({ user }) => ownTutorView(await getTutor(deps, user.id)),
  });

  api.route({
    method: 'put',
    path: '/tutors/me/availability',
    operationId: 'setMyAvailability',
    description:
      'Replaces my weekly hours (in the time zone given), date overrides, time off and booking rules: buffers, minimum notice, booking horizon, sessions per day and each student’s weekly cap.',
    tag: 'tutors',
    summary: 'Replace weekly hours, date overrides, time off and booking rules',
    access: 'user',
    body: availabilityBody,
    response: availabilitySchema,
    errors: { 400: ['duplicate-override'], 404: ['not-a-tutor'] },
    examples: {
      body: {
        timezone: 'Europe/Berlin',
        weekly: [
          { weekday: 1, start: '17:00', end: '20:00' },
          { weekday: 3, start: '17:00', end: '20:00' },
        ],
        overrides: [{ date: '2026-12-24', ranges: [] }],
        timeOff: [],
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 15,
        minNoticeMinutes: 720,
        maxHorizonDays: 60,
        maxSessionsPerDay: 3,
        studentWeeklyCapMinutes: null,
      },
    },
    handle: async ({ user, body }) => availabilityView(await setAvailability(deps, user, body)),
  });

  api.route({
    method: 'post',
    path: '/tutors/me/availability/preview',
    operationId: 'previewMyOpenSlots',
    description:
      'The open slots students would see in the next 7 days if these hours and rules were saved, with my bookings taken into account. Nothing is saved: the availability editor shows this as I paint.',
    tag: 'tutors',
    summary: 'Preview the open slots of unsaved hours and rules',
    access: 'user',
    body: z.strictObject({ availability: availabilityBody, length: z.union(sessionLengths.map((n) => z.literal(n))) }),
    response: z.object({ timezone: z.string(), slots: z.array(slotSchema) }),
    errors: { 404: ['not-a-tutor'] },
    handle: async ({ user, body }) => {
      const { timezone, slots } = await previewOpenSlots(deps, user, body.availability, body.length);
      return { timezone, slots: slots.map(slotView) };
    },
  });

  api.route({
    method: 'put',
    path: '/tutors/me/photo',
    operationId: 'setMyTutorPhoto',
    description: `Replaces my photo with the image sent as the request body. It is turned upright, cropped to a square around what draws the eye and stored as a ${PHOTO_SIDE}×${PHOTO_SIDE} WebP without its metadata (a phone's location among it); the previous photo is deleted. Students see it on my profile and in search.`,
    tag: 'tutors',
    summary: 'Upload my tutor photo',
    access: 'user',
    upload: {
      types: photoUploadTypes,
      maxBytes: PHOTO_UPLOAD_MAX_BYTES,
      description: `A JPEG, PNG or WebP image, at most ${PHOTO_UPLOAD_MAX_BYTES / 1024 / 1024} MB`,
    },
    response: ownTutorSchema,
    errors: { 404: ['not-a-tutor'], 422: ['not-an-image'] },
    handle: async ({ user, upload }) => ownTutorView(await setMyPhoto(deps, user, upload)),
  });

  api.route({
    method: 'delete',
    path: '/tutors/me/photo',
    operationId: 'removeMyTutorPhoto',
    description: 'Deletes my photo; my initials show in its place.',
    tag: 'tutors',
    summary: 'Remove my tutor photo',
    access: 'user',
    errors: { 404: ['not-a-tutor'] },
    handle: async ({ user }) => removeMyPhoto(deps, user),
  });

  api.route({
    method: 'get',
    path: '/tutors/:tutorId/photos/:photoId',
    operationId: 'getTutorPhoto',
    description:
      'A tutor’s current photo as WebP, at the `photoUrl` of their profile. The address changes with the photo, so the answer may be cached for good; a replaced photo is gone.',
    tag: 'tutors',
    summary: "A tutor's photo",
    access: 'public',
    params: z.strictObject({ tutorId: z.uuid(), photoId: z.string().regex(/^[A-Za-z0-9_-]{22}$/) }),
    produces: 'image/webp',
    errors: { 404: ['tutor-not-found', 'photo-not-found'] },
    handle: async ({ params, res }) => {
      const image = await readTutorPhoto(deps, params.tutorId, params.photoId);
      res.set('Cache-Control', 'public, max-age=31536000, immutable').type('image/webp').send(Buffer.from(image));
    },
  });

  api.route({
    method: 'get',
    path: '/tutors/:tutorId',
    operationId: 'getTutor',
    description: 'A tutor’s public profile with approved courses and rating, while their account is active.',
    tag: 'tutors',
    summary: "A tutor's public profile",
    access: 'public',
    params: tutorParams,
    response: publicTutorSchema,
    errors: { 404: ['tutor-not-found'] },
    handle: async ({ params }) => publicTutorView(await getActiveTutor(deps, params.tutorId)),
  });

  api.route({
    method: 'get',
    path: '/tutors/:tutorId/slots',
    operationId: 'listOpenSlots',
    description:
      'The times a student can book for a course and length, as UTC instants with the tutor’s local time beside each. Applies weekly hours, overrides, time off, notice, horizon, buffers, caps and existing sessions. At most 31 days per request.',
    tag: 'tutors',
    summary: 'Open slots as UTC instants, with the tutor’s local time beside each',
    access: 'public',
    params: tutorParams,
    query: z.object({
      courseId: z.uuid(),
      length: z.coerce.number().int().positive().max(1440),
      from: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
      to: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    }),
    response: z.object({
      tutorId: z.uuid(),
      timezone: z.string(),
      lengthMinutes: z.number().int(),
      slots: z.array(slotSchema),
    }),
    errors: { 400: ['invalid-window', 'window-too-long'], 404: ['tutor-not-found'], 422: ['course-not-offered', 'length-not-offered'] },
    handle: async ({ params, query }) => {
      const { timezone, slots } = await listOpenSlots(deps, params.tutorId, {
        courseId: query.courseId,
        lengthMinutes: query.length,
        from: query.from,
        to: query.to,
      });
      return {
        tutorId: params.tutorId,
        timezone,
        lengthMinutes: query.length,
        slots: slots.map(slotView),
      };
    },
  });

  api.route({
    method: 'get',
    path: '/course-approvals',
    operationId: 'listCourseApprovals',
    description: 'Administrators review the courses tutors offer, by approval state, oldest first.',
    tag: 'tutors',
    summary: 'Courses tutors offer, by approval state, oldest tutors first (admin)',
    access: 'admin',
    query: z.object({ status: z.enum(['pending', 'approved', 'revoked']).default('pending') }),
    response: z.object({
      requests: z.array(
        z.object({
          tutorId: z.uuid(),
          displayName: z.string(),
          headline: z.string(),
          courseId: z.uuid(),
          status: z.enum(['pending', 'approved', 'revoked']),
        }),
      ),
    }),
    handle: async ({ query }) => ({ requests: await listCourseRequests(deps, query.status) }),
  });

  api.route({
    method: 'post',
    path: '/tutors/:tutorId/courses/:courseId/approval',
    operationId: 'decideCourseApproval',
    description: 'Administrators approve a course a tutor offers, so students can book it, or revoke it.',
    tag: 'tutors',
    summary: 'Approve or revoke a course a tutor offers (admin)',
    access: 'admin',
    params: z.object({ tutorId: z.uuid(), courseId: z.uuid() }),
    body: z.strictObject({ decision: z.enum(['approve', 'revoke']) }),
    response: z.object({ tutorId: z.uuid(), courseId: z.uuid(), status: z.enum(['pending', 'approved', 'revoked']) }),
    errors: { 404: ['tutor-course-not-found'] },
    handle: async ({ params, body }) => ({
      ...params,
      status: await decideTutorCourse(deps, params.tutorId, params.courseId, body.decision),
    }),
  });
}
