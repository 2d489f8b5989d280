// Meetings: owners and moderators schedule and cancel them, members answer, everyone who may read the group
// sees them and gets an .ics file. A meeting with a tutor is a booking in the tutoring service, made and
// cancelled there with the organizer's own token; changes on the tutoring side reach the meeting as events
// (follow-tutor-sessions.ts).
import ical, { escape, ICalEventStatus } from 'ical-generator';
import { AppError, type AuthUser } from '@tutoring-platform/shared';
import type { GroupsDependencies } from '../dependencies';
import type { MeetingFields, MeetingRecord, RsvpRecord, RsvpStatus } from '../data/meeting-repository';
import { meetingWaitlist } from '../data/meeting-repository';
import { endedWithoutSession } from '../clients/tutoring-sessions';
import { getGroup, managerAccess, memberAccess, readAccess } from './group-access';
import { planWeeklyMeetings } from './weekly-meetings';

const meetingNotFound = () => new AppError('meeting-not-found', 404, 'No such meeting');

function assertTimes(fields: Pick<MeetingFields, 'startsAt' | 'endsAt'>, now: Date) {
  const start = Date.parse(fields.startsAt);
  const end = Date.parse(fields.endsAt);
  if (start <= now.getTime()) throw new AppError('meeting-in-past', 422, 'A meeting must start in the future');
  if (end <= start || end - start > 12 * 3_600_000) {
    throw new AppError('invalid-meeting-times', 422, 'A meeting ends after it starts and lasts at most 12 hours');
  }
}

export async function scheduleMeeting(deps: GroupsDependencies, user: AuthUser, groupId: string, fields: MeetingFields) {
  const { group } = await managerAccess(deps, groupId, user);
  assertTimes(fields, new Date());
  const meeting = await deps.meetings.create(groupId, user.id, {
    ...fields,
    location: fields.location ?? group.location,
    meetingLink: fields.meetingLink ?? group.meetingLink,
  });
  await deps.groups.touch(groupId);
  return meeting;
}

export interface TutorSessionRequest {
  tutorId: string;
  courseId: string;
  start: string;
  lengthMinutes: number;
  timezone: string;
  title: string;
  agenda: string;
  message: string;
  /** Members attending; defaults to everyone in the group, owner included. It is the meeting's capacity too. */
  seats?: number | undefined;
}

/**
 * Books a tutor for the group with the organizer's token, then records the meeting. Repeating the request with
 * the same Idempotency-Key gives the same booking from the tutoring service, and so the same meeting.
 */
export async function bookTutorSession(
  deps: GroupsDependencies,
  user: AuthUser,
  token: string,
  groupId: string,
  request: TutorSessionRequest,
  idempotencyKey: string,
): Promise<MeetingRecord> {
  const { group } = await managerAccess(deps, groupId, user);
  const seats = request.seats ?? group.memberCount + 1;
  const booking = await deps.tutoring.book(
    token,
    { ...request, seats, groupId },
    // scoped to the group so one key cannot reach another group's booking
    `group-${groupId}-${idempotencyKey}`,
  );
  const existing = await deps.meetings.meetingOfBooking(groupId, booking.id);
  if (existing) return (await deps.meetings.find(groupId, existing))!;
  const tutorName = await deps.tutoring.tutorName(request.tutorId).catch(() => 'Tutor');
  const meeting = await deps.meetings.create(
    groupId,
    user.id,
    {
      title: request.title,
      startsAt: booking.start,
      endsAt: booking.end,
      timezone: request.timezone,
      location: group.location,
      meetingLink: group.meetingLink,
      agenda: request.agenda,
      capacity: seats,
    },
    { tutorId: request.tutorId, tutorName, courseId: request.courseId, bookingId: booking.id, organizerId: user.id },
  );
  await deps.groups.touch(groupId);
  return meeting;
}

export type RsvpView = { userId: string; status: RsvpStatus; position: number | null };

function rsvpViews(rsvps: RsvpRecord[]): RsvpView[] {
  const positions = new Map(meetingWaitlist(rsvps).map((r, i) => [r.userId, i + 1]));
  return rsvps.map((r) => ({ userId: r.userId, status: r.status, position: positions.get(r.userId) ?? null }));
}

export async function listMeetings(deps: GroupsDependencies, user: AuthUser | undefined, groupId: string, when: 'upcoming' | 'past') {
  const { group } = await readAccess(deps, groupId, user);
  const now = new Date().toISOString();
  const known = await deps.meetings.list(groupId);
  const meetings = when === 'upcoming' ? await planWeeklyMeetings(deps, group, known) : known;
  return when === 'upcoming' ? meetings.filter((m) => m.endsAt >= now) : meetings.filter((m) => m.endsAt < now).reverse();
}

export async function getMeeting(deps: GroupsDependencies, user: AuthUser | undefined, groupId: string, meetingId: string) {
  await readAccess(deps, groupId, user);
  const [meeting, rsvps] = await Promise.all([deps.meetings.find(groupId, meetingId), deps.meetings.rsvps(groupId, meetingId)]);
  if (!meeting) throw meetingNotFound();
  return { meeting, rsvps: rsvpViews(rsvps) };
}

export async function answerMeeting(
  deps: GroupsDependencies,
  user: AuthUser,
  groupId: string,
  meetingId: string,
  status: Exclude<RsvpStatus, 'waitlisted'>,
): Promise<RsvpView> {
  await memberAccess(deps, groupId, user);
  const meeting = await deps.meetings.find(groupId, meetingId);
  if (!meeting) throw meetingNotFound();
  if (meeting.status === 'cancelled') throw new AppError('meeting-cancelled', 409, 'The meeting is cancelled');
  if (meeting.endsAt < new Date().toISOString()) throw new AppError('meeting-over', 409, 'The meeting is over');
  const stored = await deps.meetings.setRsvp(groupId, meetingId, user.id, status);
  if (!stored) throw new AppError('meeting-cancelled', 409, 'The meeting is cancelled');
  const mine = rsvpViews(await deps.meetings.rsvps(groupId, meetingId)).find((r) => r.userId === user.id);
  return mine ?? { userId: user.id, status: stored, position: null };
}

/**
 * Cancels a meeting. A tutor session is cancelled with the tutoring service first, with the organizer's token
 * and under the tutor's cancellation rules; only if that succeeds (or the tutor had cancelled) is the meeting.
 */
export async function cancelMeeting(
  deps: GroupsDependencies,
  user: AuthUser,
  token: string,
  groupId: string,
  meetingId: string,
  reason: string | null,
): Promise<MeetingRecord> {
  await managerAccess(deps, groupId, user, { active: false });
  const meeting = await deps.meetings.find(groupId, meetingId);
  if (!meeting) throw meetingNotFound();
  if (meeting.status === 'cancelled') throw new AppError('meeting-cancelled', 409, 'The meeting is cancelled already');
  if (meeting.tutor) {
    if (meeting.tutor.organizerId !== user.id) {
      throw new AppError('organizer-only', 403, 'Only the member who booked the tutor can cancel this session');
    }
    const booking = await deps.tutoring.get(token, meeting.tutor.bookingId);
    if (!endedWithoutSession.has(booking.status)) await deps.tutoring.cancel(token, meeting.tutor.bookingId, reason);
  }
  await deps.meetings.cancel(groupId, meetingId, reason);
  return (await deps.meetings.find(groupId, meetingId))!;
}

export type MeetingChanges = Partial<Pick<MeetingFields, 'title' | 'startsAt' | 'endsAt' | 'location' | 'meetingLink' | 'agenda'>>;

/**
 * Owners and moderators change one meeting (a weekly one too: the others keep the pattern). A tutor session's
 * time and place follow its booking in the tutoring service, so only its title and agenda change here.
 */
export async function editMeeting(
  deps: GroupsDependencies,
  user: AuthUser,
  groupId: string,
  meetingId: string,
  changes: MeetingChanges,
): Promise<MeetingRecord> {
  await managerAccess(deps, groupId, user);
  const meeting = await deps.meetings.find(groupId, meetingId);
  if (!meeting) throw meetingNotFound();
  if (meeting.status === 'cancelled') throw new AppError('meeting-cancelled', 409, 'The meeting is cancelled');
  const moves = changes.startsAt !== undefined || changes.endsAt !== undefined;
  if (meeting.tutor && (moves || changes.location !== undefined || changes.meetingLink !== undefined)) {
    throw new AppError('tutor-session-fixed', 409, 'A tutor session’s time and place follow its booking: reschedule it with the tutor');
  }
  if (moves) assertTimes({ startsAt: changes.startsAt ?? meeting.startsAt, endsAt: changes.endsAt ?? meeting.endsAt }, new Date());
  if (!(await deps.meetings.edit(groupId, meetingId, changes))) {
    throw new AppError('meeting-cancelled', 409, 'The meeting is cancelled');
  }
  return (await deps.meetings.find(groupId, meetingId))!;
}

/**
 * Someone who leaves, is removed or is banned gives up their places at the group's coming meetings, so the
 * head of each meeting's waitlist moves up; the free time they marked for finding a time is forgotten.
 */
export async function withdrawAnswers(deps: GroupsDependencies, groupId: string, userId: string): Promise<void> {
  await deps.freeTime.remove(groupId, userId);
  const now = new Date().toISOString();
  const coming = (await deps.meetings.list(groupId)).filter((m) => m.status === 'scheduled' && m.endsAt >= now);
  for (const meeting of coming) {
    const mine = (await deps.meetings.rsvps(groupId, meeting.id)).find((r) => r.userId === userId);
    if (mine && mine.status !== 'not_going') await deps.meetings.setRsvp(groupId, meeting.id, userId, 'not_going');
  }
}

/** Upcoming meetings across all my groups, soonest first, with my answer. */
export async function upcomingMeetings(deps: GroupsDependencies, user: AuthUser) {
  const now = new Date().toISOString();
  const mine = await deps.groups.groupsOf(user.id);
  const perGroup = await Promise.all(
    mine.map(async ({ group }) => {
      const known = await planWeeklyMeetings(deps, group, await deps.meetings.list(group.id));
      const meetings = known.filter((m) => m.endsAt >= now && m.status === 'scheduled');
      return Promise.all(
        meetings.map(async (meeting) => {
          const answer = (await deps.meetings.rsvps(group.id, meeting.id)).find((r) => r.userId === user.id);
          return { meeting, groupName: group.name, myRsvp: answer?.status ?? null };
        }),
      );
    }),
  );
  return perGroup.flat().sort((a, b) => a.meeting.startsAt.localeCompare(b.meeting.startsAt));
}

const localTime = (m: MeetingRecord) =>
  `${new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: m.timezone }).format(new Date(m.startsAt))} (${m.timezone})`;

const icsStatus = { scheduled: ICalEventStatus.CONFIRMED, cancelled: ICalEventStatus.CANCELLED } as const;

export async function meetingCalendar(deps: GroupsDependencies, user: AuthUser | undefined, groupId: string, meetingId: string) {
  const group = await getGroup(deps, groupId);
  const { meeting } = await getMeeting(deps, user, groupId, meetingId);
  // ical-generator escapes event text but writes the calendar's name as given
  const calendar = ical({ name: escape(group.name, false), prodId: { company: 'tutoring-platform', product: 'groups' } });
  calendar.createEvent({
    id: `${meeting.id}@tutoring-platform`,
    start: new Date(meeting.startsAt),
    end: new Date(meeting.endsAt),
    summary: `${group.name}: ${meeting.title}`,
    description: [
      `Local time: ${localTime(meeting)}`,
      meeting.tutor ? `With tutor ${meeting.tutor.tutorName}` : '',
      meeting.agenda,
      meeting.meetingLink ?? '',
    ]
      .filter(Boolean)
      .join('\n'),
    location: meeting.location ?? meeting.meetingLink,
    status: icsStatus[meeting.status],
  });
  return calendar.toString();
}
