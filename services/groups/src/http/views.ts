// Response schemas shared by the groups routers.
import { z } from 'zod';
import { ianaTimeZone } from '@tutoring-platform/shared';
import type { GroupRecord } from '../data/group-repository';
import { weeklyOccurrences } from '../domain/weekly-meetings';

export const roleSchema = z.enum(['owner', 'moderator', 'member']);

export const scheduleSchema = z
  .strictObject({
    weekday: z.number().int().min(1).max(7).meta({ description: 'ISO weekday, 1 = Monday' }),
    start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM'),
    durationMinutes: z.number().int().min(15).max(720),
    timezone: ianaTimeZone,
  })
  .meta({ id: 'WeeklySchedule' });

export const groupSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    course: z.string(),
    subject: z.string(),
    description: z.string(),
    tags: z.array(z.string()),
    visibility: z.enum(['public', 'private', 'unlisted']),
    capacity: z.number().int(),
    memberCount: z.number().int(),
    meetingStyle: z.enum(['online', 'in_person', 'hybrid']),
    location: z.string().nullable(),
    meetingLink: z.string().nullable(),
    schedule: scheduleSchema.nullable(),
    nextMeetingAt: z.iso
      .datetime()
      .nullable()
      .meta({ description: 'When the weekly schedule next meets; null without a schedule, or once the group is archived' }),
    status: z.enum(['active', 'archived']),
    ownerId: z.uuid(),
    createdAt: z.iso.datetime(),
    lastActivityAt: z.iso.datetime(),
  })
  .meta({ id: 'Group' });

/** Never the invite code: that is only for owners and moderators, through its own endpoint. */
export const groupView = ({ inviteCode: _code, ...g }: GroupRecord) => ({
  ...g,
  nextMeetingAt: g.schedule && g.status === 'active' ? (weeklyOccurrences(g.schedule, new Date(), 7)[0]?.startsAt ?? null) : null,
});

export const tutorSessionSchema = z.object({
  tutorId: z.uuid(),
  tutorName: z.string(),
  courseId: z.uuid(),
  bookingId: z.uuid(),
  organizerId: z.uuid(),
});

export const meetingSchema = z
  .object({
    id: z.uuid(),
    groupId: z.uuid(),
    title: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    timezone: z.string(),
    location: z.string().nullable(),
    meetingLink: z.string().nullable(),
    agenda: z.string(),
    capacity: z.number().int().nullable(),
    goingCount: z.number().int(),
    status: z.enum(['scheduled', 'cancelled']),
    cancelReason: z.string().nullable(),
    createdBy: z.uuid(),
    tutor: tutorSessionSchema.nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Meeting' });

export const rsvpSchema = z
  .object({
    userId: z.uuid(),
    status: z.enum(['going', 'maybe', 'not_going', 'waitlisted']),
    position: z.number().int().nullable().meta({ description: 'place on the meeting’s waitlist' }),
  })
  .meta({ id: 'Rsvp' });

export const postSchema = z
  .object({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    authorId: z.uuid(),
    authorName: z.string(),
    body: z.string(),
    createdAt: z.iso.datetime(),
    editedAt: z.iso.datetime().nullable(),
    deleted: z.boolean(),
    replyCount: z.number().int(),
  })
  .meta({ id: 'Post' });

export const groupParams = z.object({ groupId: z.uuid() });
