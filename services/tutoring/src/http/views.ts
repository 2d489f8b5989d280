// What the tutoring API shows. Response schemas strip every field not listed here.
import { z } from 'zod';
import { services } from '@tutoring-platform/shared/catalog';
import type { BookingRecord } from '../data/booking-repository';
import type { Course } from '../data/course-repository';
import type { TutorRecord } from '../data/tutor-repository';
import type { Slot } from '../domain/slots';

export const courseSchema = z
  .object({ id: z.uuid(), code: z.string(), title: z.string(), subject: z.string(), description: z.string() })
  .meta({ id: 'Course' });
export const courseView = (course: Course) => course;

export const slotSchema = z.object({
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  tutorLocalStart: z.string(),
  tutorLocalEnd: z.string(),
});
export const slotView = (slot: Slot) => ({ ...slot, start: slot.start.toISOString(), end: slot.end.toISOString() });

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const timeRangeSchema = z.object({ start: z.string(), end: z.string() });

export const availabilitySchema = z
  .object({
    timezone: z.string(),
    weekly: z.array(timeRangeSchema.extend({ weekday: z.number().int() })),
    overrides: z.array(z.object({ date: z.string(), ranges: z.array(timeRangeSchema) })),
    timeOff: z.array(z.object({ start: z.string(), end: z.string() })),
    bufferBeforeMinutes: z.number(),
    bufferAfterMinutes: z.number(),
    minNoticeMinutes: z.number(),
    maxHorizonDays: z.number(),
    maxSessionsPerDay: z.number().nullable(),
    studentWeeklyCapMinutes: z.number().nullable(),
  })
  .meta({ id: 'Availability' });

export const availabilityView = (tutor: TutorRecord) => ({
  ...tutor.availability,
  weekly: tutor.availability.weekly.map((r) => ({ weekday: r.weekday, start: hhmm(r.start), end: hhmm(r.end) })),
  overrides: tutor.availability.overrides.map((o) => ({
    date: o.date,
    ranges: o.ranges.map((r) => ({ start: hhmm(r.start), end: hhmm(r.end) })),
  })),
});

const publicTutorShape = {
  id: z.uuid(),
  displayName: z.string(),
  headline: z.string(),
  bio: z.string(),
  languages: z.array(z.string()),
  modes: z.array(z.enum(['online', 'in_person'])),
  sessionLengths: z.array(z.number().int()),
  hourlyRateCents: z.number().int(),
  maxGroupSize: z.number().int(),
  cancellationWindowHours: z.number().int(),
  timezone: z.string(),
  photoUrl: z
    .string()
    .nullable()
    .meta({ description: 'The tutor’s photo (a square WebP), or null: show their initials instead. It changes when the photo does.' }),
  rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
  sessionsTaught: z.number().int().meta({ description: 'Sessions the tutor has completed on the platform' }),
  responseMinutes: z
    .number()
    .int()
    .nullable()
    .meta({ description: 'How long requests wait for the tutor’s answer, on average, in minutes; null before the first answer' }),
};

export const publicTutorSchema = z.object({ ...publicTutorShape, courseIds: z.array(z.uuid()) }).meta({ id: 'Tutor' });

export const ownTutorSchema = z
  .object({
    ...publicTutorShape,
    meetingLink: z.string().nullable(),
    location: z.string().nullable(),
    autoAccept: z.boolean(),
    courses: z.array(z.object({ courseId: z.uuid(), status: z.enum(['pending', 'approved', 'revoked']) })),
    availability: availabilitySchema,
  })
  .meta({ id: 'OwnTutorProfile' });

const publicFields = (tutor: TutorRecord) => ({
  ...tutor,
  id: tutor.userId,
  modes: [...(tutor.offersOnline ? ['online' as const] : []), ...(tutor.offersInPerson ? ['in_person' as const] : [])],
  timezone: tutor.availability.timezone,
  photoUrl: tutor.photoId && `${services.tutoring.pathPrefix}/tutors/${tutor.userId}/photos/${tutor.photoId}`,
  rating: { average: tutor.ratingCount ? Math.round((tutor.ratingSum / tutor.ratingCount) * 10) / 10 : null, count: tutor.ratingCount },
  responseMinutes: tutor.answersCount ? Math.round(tutor.answerMinutesSum / tutor.answersCount) : null,
});

/** Anyone's view: only approved courses, no meeting link. */
export const publicTutorView = (tutor: TutorRecord) => ({
  ...publicFields(tutor),
  courseIds: tutor.courses.filter((c) => c.status === 'approved').map((c) => c.courseId),
});

export const ownTutorView = (tutor: TutorRecord) => ({ ...publicFields(tutor), availability: availabilityView(tutor) });

export const bookingSchema = z
  .object({
    id: z.uuid(),
    tutorId: z.uuid(),
    studentId: z.uuid(),
    courseId: z.uuid(),
    groupId: z.string().nullable(),
    seats: z.number().int(),
    status: z.enum(['pending', 'confirmed', 'declined', 'cancelled', 'completed', 'no_show', 'expired']),
    start: z.iso.datetime(),
    end: z.iso.datetime(),
    lengthMinutes: z.number().int(),
    mode: z.enum(['online', 'in_person']),
    message: z.string(),
    expiresAt: z.iso.datetime().nullable(),
    cancelledBy: z.enum(['student', 'tutor', 'platform']).nullable(),
    cancelReason: z.string().nullable(),
    tutorNotes: z.string(),
    rescheduledFrom: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    place: z
      .string()
      .nullable()
      // answers stored for Idempotency-Key replays before this field existed have none
      .default(null)
      .meta({ description: 'The meeting link (online) or place (in person), while the session is pending or confirmed' }),
  })
  .meta({ id: 'Booking' });

export const bookingView = (b: BookingRecord) => ({
  ...b,
  start: b.start.toISOString(),
  end: b.end.toISOString(),
  lengthMinutes: Math.round((b.end.getTime() - b.start.getTime()) / 60_000),
  expiresAt: b.status === 'pending' ? (b.expiresAt?.toISOString() ?? null) : null,
  place: b.status === 'pending' || b.status === 'confirmed' ? b.place : null,
  createdAt: b.createdAt.toISOString(),
});
