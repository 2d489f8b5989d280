// Composition root: the repositories and settings one process (or one test) uses.
import type pg from 'pg';
import { Outbox, withTransaction } from '@tutoring-platform/postgres';
import type { PublicKeyResolver, TokenSettings } from '@tutoring-platform/shared';
import { BookingRepository } from './data/booking-repository';
import { CalendarFeedRepository } from './data/calendar-feed-repository';
import { CourseRepository } from './data/course-repository';
import type { PhotoStore } from './data/photo-store';
import { ReviewRepository } from './data/review-repository';
import { TutorRepository, TutorSearchRepository } from './data/tutor-repository';
import type { GroupSessions } from './clients/group-sessions';
import type { UsersDirectory } from './clients/users-directory';

export interface TutoringDependencies {
  courses: CourseRepository;
  tutors: TutorRepository;
  tutorSearch: TutorSearchRepository;
  bookings: BookingRepository;
  reviews: ReviewRepository;
  calendarFeeds: CalendarFeedRepository;
  /** Tutors' photos, outside the database. */
  photos: PhotoStore;
  /** Events for other services, written in the transaction of the change they report. */
  outbox: Outbox;
  /** Runs `work` in one database transaction. */
  transaction: <T>(work: (tx: pg.PoolClient) => Promise<T>) => Promise<T>;
  users: UsersDirectory;
  groupSessions: GroupSessions;
  resolveKey: PublicKeyResolver;
  tokens: TokenSettings;
  pendingExpiryHours: number;
  /** The current time; tests move it to act after a session has started. */
  now: () => Date;
}

export function createDependencies(
  pool: pg.Pool,
  options: {
    resolveKey: PublicKeyResolver;
    tokens: TokenSettings;
    users: UsersDirectory;
    groupSessions: GroupSessions;
    photos: PhotoStore;
    pendingExpiryHours: number;
    now?: () => Date;
  },
): TutoringDependencies {
  const outbox = new Outbox(pool);
  return {
    courses: new CourseRepository(pool),
    tutors: new TutorRepository(pool),
    tutorSearch: new TutorSearchRepository(pool),
    bookings: new BookingRepository(pool, outbox),
    reviews: new ReviewRepository(pool),
    calendarFeeds: new CalendarFeedRepository(pool),
    photos: options.photos,
    outbox,
    transaction: (work) => withTransaction(pool, work),
    users: options.users,
    groupSessions: options.groupSessions,
    resolveKey: options.resolveKey,
    tokens: options.tokens,
    pendingExpiryHours: options.pendingExpiryHours,
    now: options.now ?? (() => new Date()),
  };
}
