// tutoring.tutors and tutoring.tutor_courses: tutor profiles, their availability rules and offered courses.
import type pg from 'pg';
import { withTransaction, type Queryable } from '@tutoring-platform/postgres';
import { AppError } from '@tutoring-platform/shared';
import type { DateOverride, WeeklyRule } from '../domain/slots';

export type CourseStatus = 'pending' | 'approved' | 'revoked';

export interface TutorProfileFields {
  displayName: string;
  headline: string;
  bio: string;
  languages: string[];
  offersOnline: boolean;
  meetingLink: string | null;
  offersInPerson: boolean;
  location: string | null;
  sessionLengths: number[];
  hourlyRateCents: number;
  autoAccept: boolean;
  maxGroupSize: number;
  cancellationWindowHours: number;
}

export interface AvailabilitySettings {
  timezone: string;
  weekly: WeeklyRule[];
  overrides: DateOverride[];
  /** ISO instants. */
  timeOff: Array<{ start: string; end: string }>;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  maxHorizonDays: number;
  maxSessionsPerDay: number | null;
  studentWeeklyCapMinutes: number | null;
}

export interface TutorRecord extends TutorProfileFields {
  userId: string;
  availability: AvailabilitySettings;
  ratingCount: number;
  ratingSum: number;
  /** Completed sessions, and the requests answered with the minutes they waited: the tutor's track record. */
  sessionsTaught: number;
  answersCount: number;
  answerMinutesSum: number;
  /** The current photo's id (a hash of its bytes), or null when the tutor has none. */
  photoId: string | null;
  courses: Array<{ courseId: string; status: CourseStatus }>;
  createdAt: Date;
  updatedAt: Date;
}

interface TutorRow {
  user_id: string;
  display_name: string;
  headline: string;
  bio: string;
  languages: string[];
  offers_online: boolean;
  meeting_link: string | null;
  offers_in_person: boolean;
  location: string | null;
  session_lengths: number[];
  hourly_rate_cents: number;
  auto_accept: boolean;
  max_group_size: number;
  cancellation_window_hours: number;
  timezone: string;
  weekly_rules: WeeklyRule[];
  date_overrides: DateOverride[];
  time_off: Array<{ start: string; end: string }>;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  min_notice_minutes: number;
  max_horizon_days: number;
  max_sessions_per_day: number | null;
  student_weekly_cap_minutes: number | null;
  rating_count: number;
  rating_sum: number;
  sessions_taught: number;
  answers_count: number;
  answer_minutes_sum: number;
  photo_id: string | null;
  courses: Array<{ courseId: string; status: CourseStatus }>;
  created_at: Date;
  updated_at: Date;
}

const toRecord = (row: TutorRow): TutorRecord => ({
  userId: row.user_id,
  displayName: row.display_name,
  headline: row.headline,
  bio: row.bio,
  languages: row.languages,
  offersOnline: row.offers_online,
  meetingLink: row.meeting_link,
  offersInPerson: row.offers_in_person,
  location: row.location,
  sessionLengths: row.session_lengths,
  hourlyRateCents: row.hourly_rate_cents,
  autoAccept: row.auto_accept,
  maxGroupSize: row.max_group_size,
  cancellationWindowHours: row.cancellation_window_hours,
  availability: {
    timezone: row.timezone,
    weekly: row.weekly_rules,
    overrides: row.date_overrides,
    timeOff: row.time_off,
    bufferBeforeMinutes: row.buffer_before_minutes,
    bufferAfterMinutes: row.buffer_after_minutes,
    minNoticeMinutes: row.min_notice_minutes,
    maxHorizonDays: row.max_horizon_days,
    maxSessionsPerDay: row.max_sessions_per_day,
    studentWeeklyCapMinutes: row.student_weekly_cap_minutes,
  },
  ratingCount: row.rating_count,
  ratingSum: row.rating_sum,
  sessionsTaught: row.sessions_taught,
  answersCount: row.answers_count,
  answerMinutesSum: row.answer_minutes_sum,
  photoId: row.photo_id,
  courses: row.courses,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const selectTutor = `SELECT t.*, COALESCE(
    (SELECT json_agg(json_build_object('courseId', tc.course_id, 'status', tc.status) ORDER BY tc.course_id)
     FROM tutor_courses tc WHERE tc.tutor_id = t.user_id), '[]') AS courses
  FROM tutors t`;

export class TutorRepository {
  constructor(private readonly db: pg.Pool) {}

  async findById(userId: string, q: Queryable = this.db): Promise<TutorRecord | undefined> {
    const { rows } = await q.query<TutorRow>(`${selectTutor} WHERE t.user_id = $1`, [userId]);
    return rows[0] && toRecord(rows[0]);
  }

  async findByIds(ids: string[]): Promise<Map<string, TutorRecord>> {
    const { rows } = await this.db.query<TutorRow>(`${selectTutor} WHERE t.user_id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.user_id, toRecord(r)]));
  }

  /** Creates or replaces the profile; courses added start pending, courses kept keep their status. */
  async saveProfile(userId: string, fields: TutorProfileFields, courseIds: string[]): Promise<TutorRecord> {
    await withTransaction(this.db, async (tx) => {
      await tx.query(
        `INSERT INTO tutors (user_id, display_name, headline, bio, languages, offers_online, meeting_link, offers_in_person, location,
           session_lengths, hourly_rate_cents, auto_accept, max_group_size, cancellation_window_hours)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (user_id) DO UPDATE SET display_name = $2, headline = $3, bio = $4, languages = $5, offers_online = $6,
           meeting_link = $7, offers_in_person = $8, location = $9, session_lengths = $10, hourly_rate_cents = $11,
           auto_accept = $12, max_group_size = $13, cancellation_window_hours = $14, updated_at = now()`,
        [
          userId,
          fields.displayName,
          fields.headline,
          fields.bio,
          fields.languages,
          fields.offersOnline,
          fields.meetingLink,
          fields.offersInPerson,
          fields.location,
          fields.sessionLengths,
          fields.hourlyRateCents,
          fields.autoAccept,
          fields.maxGroupSize,
          fields.cancellationWindowHours,
        ],
      );
      await tx.query('DELETE FROM tutor_courses WHERE tutor_id = $1 AND NOT (course_id = ANY($2::uuid[]))', [userId, courseIds]);
      await tx.query(
        `INSERT INTO tutor_courses (tutor_id, course_id)
         SELECT $1, c.id FROM courses c WHERE c.id = ANY($2::uuid[])
         ON CONFLICT (tutor_id, course_id) DO NOTHING`,
        [userId, courseIds],
      );
      const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM tutor_courses WHERE tutor_id = $1', [userId]);
      if (rows[0]!.n !== new Set(courseIds).size) {
        throw new AppError('unknown-course', 422, 'One or more courses are not in the catalog');
      }
    });
    return (await this.findById(userId))!;
  }

  async saveAvailability(userId: string, a: AvailabilitySettings): Promise<TutorRecord | undefined> {
    const { rowCount } = await this.db.query(
      `UPDATE tutors SET timezone = $2, weekly_rules = $3, date_overrides = $4, time_off = $5, buffer_before_minutes = $6,
         buffer_after_minutes = $7, min_notice_minutes = $8, max_horizon_days = $9, max_sessions_per_day = $10,
         student_weekly_cap_minutes = $11, updated_at = now()
       WHERE user_id = $1`,
      [
        userId,
        a.timezone,
        JSON.stringify(a.weekly),
        JSON.stringify(a.overrides),
        JSON.stringify(a.timeOff),
        a.bufferBeforeMinutes,
        a.bufferAfterMinutes,
        a.minNoticeMinutes,
        a.maxHorizonDays,
        a.maxSessionsPerDay,
        a.studentWeeklyCapMinutes,
      ],
    );
    return rowCount ? this.findById(userId) : undefined;
  }

  /** Points the profile at another photo (or none); answers the one it replaced, or undefined when there is no tutor. */
  async replacePhoto(userId: string, photoId: string | null): Promise<{ previous: string | null } | undefined> {
    const { rows } = await this.db.query<{ previous: string | null }>(
      `UPDATE tutors t SET photo_id = $2, updated_at = now()
         FROM (SELECT user_id, photo_id FROM tutors WHERE user_id = $1 FOR UPDATE) old
        WHERE t.user_id = old.user_id
        RETURNING old.photo_id AS previous`,
      [userId, photoId],
    );
    return rows[0];
  }

  /** Courses tutors offer in one approval state, oldest first: what admins work through. */
  async courseRequests(status: CourseStatus, limit: number): Promise<CourseRequest[]> {
    const { rows } = await this.db.query<{
      tutor_id: string;
      display_name: string;
      headline: string;
      course_id: string;
      status: CourseStatus;
    }>(
      `SELECT tc.tutor_id, t.display_name, t.headline, tc.course_id, tc.status
         FROM tutor_courses tc JOIN tutors t ON t.user_id = tc.tutor_id
        WHERE tc.status = $1
        ORDER BY t.created_at, tc.course_id
        LIMIT $2`,
      [status, limit],
    );
    return rows.map((r) => ({
      tutorId: r.tutor_id,
      displayName: r.display_name,
      headline: r.headline,
      courseId: r.course_id,
      status: r.status,
    }));
  }

  /**
   * Records an admin's decision; when it changes the course's state, the same statement writes the event that tells
   * the tutor (through the notifications service's inbox). False when the tutor does not offer the course.
   */
  async setCourseStatus(tutorId: string, courseId: string, status: CourseStatus): Promise<boolean> {
    const { rows } = await this.db.query<{ n: number }>(
      `WITH before AS (SELECT status FROM tutor_courses WHERE tutor_id = $1 AND course_id = $2),
       decided AS (
         UPDATE tutor_courses SET status = $3, decided_at = now() WHERE tutor_id = $1 AND course_id = $2 RETURNING tutor_id, course_id),
       announced AS (
         INSERT INTO outbox (destination, key, type, data)
         SELECT 'notifications', d.tutor_id::text, 'course-decided',
                jsonb_build_object('tutorId', d.tutor_id, 'course', jsonb_build_object('code', c.code, 'title', c.title), 'status', $3::text)
         FROM decided d JOIN courses c ON c.id = d.course_id, before b WHERE b.status <> $3)
       SELECT count(*)::int AS n FROM decided`,
      [tutorId, courseId, status],
    );
    return rows[0]!.n === 1;
  }
}

export interface CourseRequest {
  tutorId: string;
  displayName: string;
  headline: string;
  courseId: string;
  status: CourseStatus;
}

export interface TutorSearch {
  courseId?: string | undefined;
  subject?: string | undefined;
  q?: string | undefined;
  language?: string | undefined;
  mode?: 'online' | 'in_person' | undefined;
  minRating?: number | undefined;
  sort: 'relevance' | 'rating';
  offset: number;
  limit: number;
}

/** Each query word widens to at most this many dictionary words within trigram distance. */
const ALTERNATIVES_PER_WORD = 6;

/** Query words: lower-case letters and digits, at most five. */
export const searchWords = (q: string): string[] => [...new Set(q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 5);

export class TutorSearchRepository {
  constructor(private readonly db: pg.Pool) {}

  /** Tutors with at least one approved course matching the filters, in the requested order. */
  async search(s: TutorSearch): Promise<TutorRecord[]> {
    const words = s.q ? searchWords(s.q) : [];
    if (s.q && words.length === 0) return [];
    const { rows } = await this.db.query<TutorRow>(
      `WITH alternatives AS (
         SELECT string_agg(quote_literal(w.word), ' | ') AS alts
         FROM unnest($3::text[]) AS q(word)
         CROSS JOIN LATERAL (
           SELECT word FROM search_words
           WHERE word % q.word OR word = q.word
           ORDER BY word <-> q.word LIMIT ${ALTERNATIVES_PER_WORD}) w
         GROUP BY q.word),
       text_query AS (
         SELECT CASE WHEN cardinality($3::text[]) = 0 THEN NULL
                     WHEN count(*) < cardinality($3::text[]) THEN to_tsquery('simple', '')
                     ELSE to_tsquery('simple', string_agg('(' || alts || ')', ' & ')) END AS tsq
         FROM alternatives)
       ${selectTutor}, text_query
       WHERE EXISTS (
           SELECT 1 FROM tutor_courses tc JOIN courses c ON c.id = tc.course_id
           WHERE tc.tutor_id = t.user_id AND tc.status = 'approved'
             AND ($1::uuid IS NULL OR tc.course_id = $1::uuid) AND ($2::text IS NULL OR c.subject = $2))
         AND (text_query.tsq IS NULL OR t.search_vector @@ text_query.tsq)
         AND ($4::text IS NULL OR $4 = ANY(t.languages))
         AND ($5::text IS NULL OR ($5 = 'online' AND t.offers_online) OR ($5 = 'in_person' AND t.offers_in_person))
         AND ($6::numeric IS NULL OR (t.rating_count > 0 AND t.rating_sum::numeric / t.rating_count >= $6::numeric))
       ORDER BY ${
         s.sort === 'rating'
           ? 'CASE WHEN t.rating_count > 0 THEN t.rating_sum::numeric / t.rating_count END DESC NULLS LAST, t.rating_count DESC'
           : 'CASE WHEN text_query.tsq IS NULL THEN 0 ELSE ts_rank(t.search_vector, text_query.tsq) END DESC, t.rating_count DESC'
       }, t.user_id
       OFFSET $7 LIMIT $8`,
      [s.courseId ?? null, s.subject ?? null, words, s.language ?? null, s.mode ?? null, s.minRating ?? null, s.offset, s.limit],
    );
    return rows.map(toRecord);
  }
}
