// tutoring.bookings and tutoring.idempotency_keys. Writes for one tutor run in one transaction holding that
// tutor's advisory lock; the exclusion constraints stay the backstop against overlaps. Every change of a group
// session's booking writes its event for the groups service in the same transaction, whichever path made it.
import type pg from 'pg';
import { withTransaction, type Outbox, type Queryable } from '@tutoring-platform/postgres';
import { AppError, KeyedQueues } from '@tutoring-platform/shared';
import { bookingNotice, type NoticeDetails } from '../clients/booking-notices';
import { groupSessionChange } from '../clients/group-sessions';

export type BookingStatus = 'pending' | 'confirmed' | 'declined' | 'cancelled' | 'completed' | 'no_show' | 'expired';
export type SessionMode = 'online' | 'in_person';

export interface BookingRecord {
  id: string;
  tutorId: string;
  studentId: string;
  courseId: string;
  groupId: string | null;
  seats: number;
  status: BookingStatus;
  start: Date;
  end: Date;
  blockedStart: Date;
  blockedEnd: Date;
  mode: SessionMode;
  message: string;
  expiresAt: Date | null;
  cancelledBy: 'student' | 'tutor' | 'platform' | null;
  cancelReason: string | null;
  tutorNotes: string;
  rescheduledFrom: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** The tutor's meeting link or place for this session's mode; read only where a booking is shown. */
  place: string | null;
}

export type NewBooking = Pick<
  BookingRecord,
  | 'tutorId'
  | 'studentId'
  | 'courseId'
  | 'groupId'
  | 'seats'
  | 'status'
  | 'start'
  | 'end'
  | 'blockedStart'
  | 'blockedEnd'
  | 'mode'
  | 'message'
  | 'expiresAt'
  | 'rescheduledFrom'
>;

export interface StoredResponse {
  requestHash: Buffer;
  statusCode: number;
  response: unknown;
}

export interface BookingListFilter {
  userId: string;
  as?: 'student' | 'tutor' | undefined;
  when: 'upcoming' | 'past';
  status?: BookingStatus | undefined;
  limit: number;
  after?: { start: string; id: string } | undefined;
}

const columns = `id, tutor_id, student_id, course_id, group_id, seats, status, starts_at, ends_at, lower(blocked) AS blocked_start,
  upper(blocked) AS blocked_end, mode, message, expires_at, cancelled_by, cancel_reason, tutor_notes, rescheduled_from, created_at, updated_at`;

/** Where the session happens, for its two parties: the tutor's meeting link (online) or place (in person). */
const place = `(SELECT CASE WHEN bookings.mode = 'online' THEN t.meeting_link ELSE t.location END FROM tutors t WHERE t.user_id = bookings.tutor_id) AS place`;
/** What a booking shown to someone is read with; the slot and expiry paths need no place. */
const viewColumns = `${columns}, ${place}`;

interface BookingRow {
  id: string;
  tutor_id: string;
  student_id: string;
  course_id: string;
  group_id: string | null;
  seats: number;
  status: BookingStatus;
  starts_at: Date;
  ends_at: Date;
  blocked_start: Date;
  blocked_end: Date;
  mode: SessionMode;
  message: string;
  expires_at: Date | null;
  cancelled_by: 'student' | 'tutor' | 'platform' | null;
  cancel_reason: string | null;
  tutor_notes: string;
  rescheduled_from: string | null;
  created_at: Date;
  updated_at: Date;
  place?: string | null;
}

const toRecord = (row: BookingRow): BookingRecord => ({
  id: row.id,
  tutorId: row.tutor_id,
  studentId: row.student_id,
  courseId: row.course_id,
  groupId: row.group_id,
  seats: row.seats,
  status: row.status,
  start: row.starts_at,
  end: row.ends_at,
  blockedStart: row.blocked_start,
  blockedEnd: row.blocked_end,
  mode: row.mode,
  message: row.message,
  expiresAt: row.expires_at,
  cancelledBy: row.cancelled_by,
  cancelReason: row.cancel_reason,
  place: row.place ?? null,
  tutorNotes: row.tutor_notes,
  rescheduledFrom: row.rescheduled_from,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** A pending booking past its deadline counts as expired even before the sweep marks it. */
const active = `(status = 'confirmed' OR (status = 'pending' AND expires_at > now()))`;

function overlapError(err: unknown): AppError | undefined {
  const { code, constraint } = (err ?? {}) as { code?: string; constraint?: string };
  if (code !== '23P01') return undefined;
  return constraint === 'bookings_student_no_overlap'
    ? new AppError('student-double-booked', 409, 'You already have a session at that time')
    : new AppError('slot-taken', 409, 'That time is no longer available');
}

const tutorBusy = () =>
  new AppError('tutor-busy', 503, 'Many people are booking this tutor right now; try again', undefined, { 'Retry-After': '1' });

export class BookingRepository {
  /**
   * In this process, one booking transaction per tutor at a time; the others wait in memory, holding no database
   * connection, so a burst for one tutor cannot take every connection from everyone else.
   */
  private readonly queues = new KeyedQueues({ maxWaiting: 200, maxWaitMs: 5_000, busy: tutorBusy });

  constructor(
    private readonly db: pg.Pool,
    private readonly outbox: Outbox,
  ) {}

  /**
   * A booking changed: its two parties hear of it through the notifications service's inbox, and a group session's
   * meeting follows it through the groups service's.
   */
  private async announce(q: Queryable, booking: BookingRecord, successor?: BookingRecord): Promise<void> {
    await this.notify(q, booking, successor);
    if (!booking.groupId) return;
    await this.outbox.add(q, {
      destination: 'groups',
      key: booking.groupId,
      type: 'group-session-changed',
      data: groupSessionChange(booking, successor),
    });
  }

  /** Tells the booking's two parties, through the notifications service's inbox. */
  private async notify(q: Queryable, booking: BookingRecord, successor?: BookingRecord): Promise<void> {
    await this.outbox.add(q, {
      destination: 'notifications',
      key: booking.tutorId,
      type: 'booking-changed',
      data: bookingNotice(booking, await this.noticeDetails(q, booking), successor),
    });
  }

  private async noticeDetails(q: Queryable, booking: BookingRecord): Promise<NoticeDetails> {
    const { rows } = await q.query<{ code: string; title: string; place: string | null }>(
      `SELECT c.code, c.title, (SELECT CASE WHEN $2 = 'online' THEN t.meeting_link ELSE t.location END FROM tutors t WHERE t.user_id = $3) AS place
       FROM courses c WHERE c.id = $1`,
      [booking.courseId, booking.mode, booking.tutorId],
    );
    const row = rows[0]!;
    return { course: { code: row.code, title: row.title }, place: row.place };
  }

  /** Marks the pending bookings past their deadline (of one tutor, or all) expired; returns how many. */
  private async expireOverdue(q: Queryable, tutorId: string | null): Promise<number> {
    const { rows } = await q.query<BookingRow>(
      `UPDATE bookings SET status = 'expired', updated_at = now()
       WHERE ($1::uuid IS NULL OR tutor_id = $1) AND status = 'pending' AND expires_at <= now() RETURNING ${columns}`,
      [tutorId],
    );
    for (const row of rows) await this.announce(q, toRecord(row));
    return rows.length;
  }

  /**
   * Runs `work` in a transaction that holds the tutor's lock, so checks and inserts for one tutor never interleave:
   * first this process's queue for the tutor, then the advisory lock that other tasks take too.
   */
  withTutorLock<T>(tutorId: string, work: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.queues.run(tutorId, () => this.inTutorTransaction(tutorId, work));
  }

  private inTutorTransaction<T>(tutorId: string, work: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
    return withTransaction(this.db, async (tx) => {
      // A burst for one tutor queues here; past 5 s the caller gets a 503 to retry rather than waiting on.
      await tx.query(`SET LOCAL lock_timeout = '5s'`);
      try {
        await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [tutorId]);
      } catch (err) {
        if ((err as { code?: string }).code === '55P03') throw tutorBusy();
        throw err;
      }
      await this.expireOverdue(tx, tutorId);
      return work(tx);
    });
  }

  /** Marks every pending booking past its deadline as expired; returns how many. */
  expireStale(): Promise<number> {
    return withTransaction(this.db, (tx) => this.expireOverdue(tx, null));
  }

  /** Cancels every upcoming session the user holds as tutor or student (a suspension); returns them. */
  async cancelUpcomingOf(q: Queryable, userId: string, reason: string): Promise<BookingRecord[]> {
    const { rows } = await q.query<BookingRow>(
      `UPDATE bookings SET status = 'cancelled', cancelled_by = 'platform', cancel_reason = $2, updated_at = now()
       WHERE (tutor_id = $1 OR student_id = $1) AND status IN ('pending', 'confirmed') AND starts_at > now() RETURNING ${columns}`,
      [userId, reason],
    );
    const cancelled = rows.map(toRecord);
    for (const booking of cancelled) await this.announce(q, booking);
    return cancelled;
  }

  /** Active bookings of the tutor whose blocked range touches [from, to). */
  async activeForTutor(q: Queryable | undefined, tutorId: string, from: Date, to: Date, exceptId?: string): Promise<BookingRecord[]> {
    const { rows } = await (q ?? this.db).query<BookingRow>(
      `SELECT ${columns} FROM bookings
       WHERE tutor_id = $1 AND ${active} AND blocked && tstzrange($2, $3) AND ($4::uuid IS NULL OR id <> $4::uuid)
       ORDER BY starts_at`,
      [tutorId, from, to, exceptId ?? null],
    );
    return rows.map(toRecord);
  }

  /** Active bookings of several tutors touching [from, to), grouped by tutor: one query for a page of search results. */
  async activeForTutors(tutorIds: string[], from: Date, to: Date): Promise<Map<string, BookingRecord[]>> {
    const { rows } = await this.db.query<BookingRow>(
      `SELECT ${columns} FROM bookings WHERE tutor_id = ANY($1::uuid[]) AND ${active} AND blocked && tstzrange($2, $3) ORDER BY starts_at`,
      [tutorIds, from, to],
    );
    const byTutor = new Map<string, BookingRecord[]>(tutorIds.map((id) => [id, []]));
    for (const row of rows) byTutor.get(row.tutor_id)!.push(toRecord(row));
    return byTutor;
  }

  /** Minutes of active sessions the student holds with the tutor, starting in [from, to). */
  async studentMinutesWithTutor(
    q: Queryable,
    studentId: string,
    tutorId: string,
    from: Date,
    to: Date,
    exceptId?: string,
  ): Promise<number> {
    const { rows } = await q.query<{ minutes: number }>(
      `SELECT COALESCE(sum(extract(epoch FROM ends_at - starts_at) / 60), 0)::int AS minutes FROM bookings
       WHERE student_id = $1 AND tutor_id = $2 AND ${active} AND starts_at >= $3 AND starts_at < $4 AND ($5::uuid IS NULL OR id <> $5::uuid)`,
      [studentId, tutorId, from, to, exceptId ?? null],
    );
    return rows[0]!.minutes;
  }

  async insert(q: Queryable, booking: NewBooking): Promise<BookingRecord> {
    let inserted: BookingRecord;
    try {
      const { rows } = await q.query<BookingRow>(
        `INSERT INTO bookings (tutor_id, student_id, course_id, group_id, seats, status, starts_at, ends_at, blocked, mode, message, expires_at, rescheduled_from)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, tstzrange($9, $10), $11, $12, $13, $14)
         RETURNING ${viewColumns}`,
        [
          booking.tutorId,
          booking.studentId,
          booking.courseId,
          booking.groupId,
          booking.seats,
          booking.status,
          booking.start,
          booking.end,
          booking.blockedStart,
          booking.blockedEnd,
          booking.mode,
          booking.message,
          booking.expiresAt,
          booking.rescheduledFrom,
        ],
      );
      inserted = toRecord(rows[0]!);
    } catch (err) {
      throw overlapError(err) ?? err;
    }
    // a new request; a reschedule announces the old booking with this one as its successor (`replace`), and a group
    // session's meeting is made by the group's own request
    if (!booking.rescheduledFrom) await this.notify(q, inserted);
    return inserted;
  }

  async findById(id: string, q: Queryable = this.db): Promise<BookingRecord | undefined> {
    const { rows } = await q.query<BookingRow>(`SELECT ${viewColumns} FROM bookings WHERE id = $1`, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  /** Moves a booking from one of `from` to `to` at `now`; undefined when it was not in such a state. */
  async transition(
    q: Queryable,
    id: string,
    from: BookingStatus[],
    to: BookingStatus,
    now: Date,
    extra: { cancelledBy?: 'student' | 'tutor'; cancelReason?: string | null } = {},
  ): Promise<BookingRecord | undefined> {
    const moved = await this.update(q, id, from, to, extra);
    if (moved) {
      await this.recordTrackRecord(q, moved, from, now);
      await this.announce(q, moved);
    }
    return moved;
  }

  /** Cancels an active booking as `rescheduled` and records its successor, in the caller's transaction. */
  async replace(
    q: Queryable,
    id: string,
    cancelledBy: 'student' | 'tutor',
    successor: Omit<NewBooking, 'rescheduledFrom'>,
  ): Promise<BookingRecord> {
    const replaced = await this.update(q, id, ['confirmed', 'pending'], 'cancelled', { cancelledBy, cancelReason: 'rescheduled' });
    if (!replaced) throw new AppError('booking-not-active', 409, 'The booking changed meanwhile; look again');
    const booking = await this.insert(q, { ...successor, rescheduledFrom: id });
    await this.announce(q, replaced, booking);
    return booking;
  }

  /** A completed session counts as taught; a request the tutor answered counts with how long it waited. */
  private async recordTrackRecord(q: Queryable, moved: BookingRecord, from: BookingStatus[], now: Date): Promise<void> {
    if (moved.status === 'completed') {
      await q.query('UPDATE tutors SET sessions_taught = sessions_taught + 1 WHERE user_id = $1', [moved.tutorId]);
    } else if (from.includes('pending') && (moved.status === 'confirmed' || moved.status === 'declined')) {
      await q.query(
        `UPDATE tutors SET answers_count = answers_count + 1,
           answer_minutes_sum = answer_minutes_sum + $2
         WHERE user_id = $1`,
        [moved.tutorId, Math.max(0, Math.round((now.getTime() - moved.createdAt.getTime()) / 60_000))],
      );
    }
  }

  private async update(
    q: Queryable,
    id: string,
    from: BookingStatus[],
    to: BookingStatus,
    extra: { cancelledBy?: 'student' | 'tutor'; cancelReason?: string | null },
  ): Promise<BookingRecord | undefined> {
    const { rows } = await q.query<BookingRow>(
      `UPDATE bookings SET status = $3, cancelled_by = COALESCE($4, cancelled_by), cancel_reason = COALESCE($5, cancel_reason), updated_at = now()
       WHERE id = $1 AND status = ANY($2::text[]) RETURNING ${viewColumns}`,
      [id, from, to, extra.cancelledBy ?? null, extra.cancelReason ?? null],
    );
    return rows[0] && toRecord(rows[0]);
  }

  async setNotes(id: string, notes: string): Promise<BookingRecord | undefined> {
    const { rows } = await this.db.query<BookingRow>(
      `UPDATE bookings SET tutor_notes = $2, updated_at = now() WHERE id = $1 RETURNING ${viewColumns}`,
      [id, notes],
    );
    return rows[0] && toRecord(rows[0]);
  }

  /** The student's completed sessions that ended after `since` and have no review yet, latest first. */
  async awaitingReview(studentId: string, since: Date, limit: number): Promise<BookingRecord[]> {
    const { rows } = await this.db.query<BookingRow>(
      `SELECT ${viewColumns} FROM bookings
       WHERE student_id = $1 AND status = 'completed' AND ends_at > $2
         AND NOT EXISTS (SELECT 1 FROM reviews WHERE reviews.booking_id = bookings.id)
       ORDER BY ends_at DESC LIMIT $3`,
      [studentId, since, limit],
    );
    return rows.map(toRecord);
  }

  /** The user's bookings as student, tutor or both; upcoming soonest first, past latest first, keyset-paginated. */
  async list(filter: BookingListFilter): Promise<BookingRecord[]> {
    const upcoming = filter.when === 'upcoming';
    const { rows } = await this.db.query<BookingRow>(
      `SELECT ${viewColumns} FROM bookings
       WHERE (($2::text IS NULL AND (student_id = $1 OR tutor_id = $1)) OR ($2 = 'student' AND student_id = $1) OR ($2 = 'tutor' AND tutor_id = $1))
         AND ${upcoming ? 'ends_at > now()' : 'ends_at <= now()'}
         AND ($3::text IS NULL OR status = $3)
         AND ($4::timestamptz IS NULL OR (starts_at, id) ${upcoming ? '>' : '<'} ($4::timestamptz, $5::uuid))
       ORDER BY starts_at ${upcoming ? 'ASC' : 'DESC'}, id ${upcoming ? 'ASC' : 'DESC'}
       LIMIT $6`,
      [filter.userId, filter.as ?? null, filter.status ?? null, filter.after?.start ?? null, filter.after?.id ?? null, filter.limit],
    );
    return rows.map(toRecord);
  }

  /** The user's sessions as student or tutor starting after `since`, for calendar feeds (at most `limit`). */
  async forCalendar(userId: string, since: Date, limit: number): Promise<BookingRecord[]> {
    const { rows } = await this.db.query<BookingRow>(
      `SELECT ${columns} FROM bookings
       WHERE (student_id = $1 OR tutor_id = $1) AND starts_at >= $2 AND status IN ('pending', 'confirmed', 'completed', 'cancelled')
       ORDER BY starts_at LIMIT $3`,
      [userId, since, limit],
    );
    return rows.map(toRecord);
  }

  /** A stored response for the user's key, if made within the last 24 hours. */
  async findStoredResponse(q: Queryable, userId: string, key: string): Promise<StoredResponse | undefined> {
    const { rows } = await q.query<{ request_hash: Buffer; status_code: number; response: unknown }>(
      `SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND created_at > now() - interval '24 hours'`,
      [userId, key],
    );
    const row = rows[0];
    return row && { requestHash: row.request_hash, statusCode: row.status_code, response: row.response };
  }

  /** Stores the response under the key; false when a fresh record for the key already exists (a concurrent request won). */
  async storeResponse(q: Queryable, userId: string, key: string, stored: StoredResponse): Promise<boolean> {
    const { rowCount } = await q.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, key) DO UPDATE SET request_hash = $3, status_code = $4, response = $5, created_at = now()
       WHERE idempotency_keys.created_at <= now() - interval '24 hours'`,
      [userId, key, stored.requestHash, stored.statusCode, JSON.stringify(stored.response)],
    );
    return rowCount === 1;
  }
}
