// Calendars: an .ics file per booking, and a private feed URL calendar apps subscribe to. Each event tells
// both parties' local times, since the student and the tutor may live in different zones.
import { createHash, randomBytes } from 'node:crypto';
import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { AppError, type AuthUser } from '@tutoring-platform/shared';
import type { TutoringDependencies } from '../dependencies';
import type { BookingRecord } from '../data/booking-repository';
import { getBooking } from './manage-booking';

const FEED_HISTORY_MS = 30 * 86_400_000;
const FEED_MAX_EVENTS = 500;

const hashToken = (token: string) => createHash('sha256').update(token).digest();

const statusOf: Partial<Record<BookingRecord['status'], ICalEventStatus>> = {
  pending: ICalEventStatus.TENTATIVE,
  confirmed: ICalEventStatus.CONFIRMED,
  completed: ICalEventStatus.CONFIRMED,
  cancelled: ICalEventStatus.CANCELLED,
};

const localTime = (b: BookingRecord, zone: string) =>
  `${DateTime.fromJSDate(b.start, { zone }).toFormat('ccc d LLL yyyy, HH:mm')}–${DateTime.fromJSDate(b.end, { zone }).toFormat('HH:mm')} (${zone})`;

async function render(deps: TutoringDependencies, name: string, bookings: BookingRecord[]): Promise<string> {
  const [courses, tutors, people] = await Promise.all([
    deps.courses.findByIds([...new Set(bookings.map((b) => b.courseId))]),
    deps.tutors.findByIds([...new Set(bookings.map((b) => b.tutorId))]),
    deps.users.profiles([...new Set(bookings.flatMap((b) => [b.studentId, b.tutorId]))]),
  ]);
  const calendar = ical({ name, prodId: { company: 'tutoring-platform', product: 'bookings' } });
  for (const b of bookings) {
    const tutor = tutors.get(b.tutorId);
    const student = people.get(b.studentId);
    const course = courses.get(b.courseId);
    const tutorZone = tutor?.availability.timezone ?? 'UTC';
    const active = b.status === 'pending' || b.status === 'confirmed';
    calendar.createEvent({
      id: `${b.id}@tutoring-platform`,
      start: b.start,
      end: b.end,
      summary: `${course?.code ?? 'Tutoring'}: ${tutor?.displayName ?? 'tutor'} and ${student?.displayName ?? 'student'}${b.status === 'pending' ? ' (awaiting confirmation)' : ''}`,
      description: [
        course ? `${course.code} ${course.title}` : '',
        `Tutor's time: ${localTime(b, tutorZone)}`,
        `Student's time: ${localTime(b, student?.timezone ?? 'UTC')}`,
        b.message ? `Message: ${b.message}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
      location: active ? ((b.mode === 'online' ? tutor?.meetingLink : tutor?.location) ?? null) : null,
      status: statusOf[b.status] ?? null,
    });
  }
  return calendar.toString();
}

export async function bookingCalendar(deps: TutoringDependencies, user: AuthUser, bookingId: string): Promise<string> {
  const booking = await getBooking(deps, user, bookingId);
  return render(deps, 'Tutoring session', [booking]);
}

/** Makes a new feed token (the previous URL stops working). The token is shown only now; only its hash is kept. */
export async function createCalendarFeed(deps: TutoringDependencies, user: AuthUser): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await deps.calendarFeeds.replace(user.id, hashToken(token));
  return token;
}

export async function removeCalendarFeed(deps: TutoringDependencies, user: AuthUser): Promise<void> {
  await deps.calendarFeeds.remove(user.id);
}

export async function calendarFeed(deps: TutoringDependencies, token: string): Promise<string> {
  const owner = await deps.calendarFeeds.ownerOf(hashToken(token));
  if (!owner) throw new AppError('feed-not-found', 404, 'No such calendar feed');
  const bookings = await deps.bookings.forCalendar(owner, new Date(deps.now().getTime() - FEED_HISTORY_MS), FEED_MAX_EVENTS);
  return render(deps, 'Tutoring sessions', bookings);
}
