// tutoring.reviews, and the rating totals kept on tutors in the same transaction.
import type pg from 'pg';
import { isUniqueViolation, withTransaction } from '@tutoring-platform/postgres';
import { AppError } from '@tutoring-platform/shared';

export interface ReviewRecord {
  bookingId: string;
  tutorId: string;
  studentId: string;
  courseId: string;
  rating: number;
  body: string;
  reply: string | null;
  repliedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RatingSummary {
  average: number | null;
  count: number;
}

interface ReviewRow {
  booking_id: string;
  tutor_id: string;
  student_id: string;
  course_id: string;
  rating: number;
  body: string;
  reply: string | null;
  replied_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const columns = 'booking_id, tutor_id, student_id, course_id, rating, body, reply, replied_at, created_at, updated_at';

const toRecord = (r: ReviewRow): ReviewRecord => ({
  bookingId: r.booking_id,
  tutorId: r.tutor_id,
  studentId: r.student_id,
  courseId: r.course_id,
  rating: r.rating,
  body: r.body,
  reply: r.reply,
  repliedAt: r.replied_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const summary = (count: number, sum: number): RatingSummary => ({ average: count ? Math.round((sum / count) * 10) / 10 : null, count });

export class ReviewRepository {
  constructor(private readonly db: pg.Pool) {}

  async findByBooking(bookingId: string): Promise<ReviewRecord | undefined> {
    const { rows } = await this.db.query<ReviewRow>(`SELECT ${columns} FROM reviews WHERE booking_id = $1`, [bookingId]);
    return rows[0] && toRecord(rows[0]);
  }

  async create(review: Pick<ReviewRecord, 'bookingId' | 'tutorId' | 'studentId' | 'courseId' | 'rating' | 'body'>): Promise<ReviewRecord> {
    return withTransaction(this.db, async (tx) => {
      try {
        const { rows } = await tx.query<ReviewRow>(
          `INSERT INTO reviews (booking_id, tutor_id, student_id, course_id, rating, body) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${columns}`,
          [review.bookingId, review.tutorId, review.studentId, review.courseId, review.rating, review.body],
        );
        await tx.query('UPDATE tutors SET rating_count = rating_count + 1, rating_sum = rating_sum + $2 WHERE user_id = $1', [
          review.tutorId,
          review.rating,
        ]);
        return toRecord(rows[0]!);
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('already-reviewed', 409, 'This session already has your review; edit it instead');
        throw err;
      }
    });
  }

  /** Changes rating and text; the tutor's total moves by the difference. */
  async update(bookingId: string, change: { rating: number; body: string }): Promise<ReviewRecord> {
    return withTransaction(this.db, async (tx) => {
      const { rows: before } = await tx.query<{ rating: number; tutor_id: string }>(
        'SELECT rating, tutor_id FROM reviews WHERE booking_id = $1 FOR UPDATE',
        [bookingId],
      );
      const { rows } = await tx.query<ReviewRow>(
        `UPDATE reviews SET rating = $2, body = $3, updated_at = now() WHERE booking_id = $1 RETURNING ${columns}`,
        [bookingId, change.rating, change.body],
      );
      await tx.query('UPDATE tutors SET rating_sum = rating_sum + $2 WHERE user_id = $1', [
        before[0]!.tutor_id,
        change.rating - before[0]!.rating,
      ]);
      return toRecord(rows[0]!);
    });
  }

  async reply(bookingId: string, reply: string): Promise<ReviewRecord> {
    const { rows } = await this.db.query<ReviewRow>(
      `UPDATE reviews SET reply = $2, replied_at = now() WHERE booking_id = $1 RETURNING ${columns}`,
      [bookingId, reply],
    );
    return toRecord(rows[0]!);
  }

  /** Newest first, keyset-paginated. */
  async listForTutor(tutorId: string, limit: number, after?: { createdAt: string; bookingId: string }): Promise<ReviewRecord[]> {
    const { rows } = await this.db.query<ReviewRow>(
      `SELECT ${columns} FROM reviews
       WHERE tutor_id = $1 AND ($2::timestamptz IS NULL OR (created_at, booking_id) < ($2::timestamptz, $3::uuid))
       ORDER BY created_at DESC, booking_id DESC LIMIT $4`,
      [tutorId, after?.createdAt ?? null, after?.bookingId ?? null, limit],
    );
    return rows.map(toRecord);
  }

  /** The tutor's overall rating and one per course they were reviewed in. */
  async summaryForTutor(tutorId: string): Promise<{ overall: RatingSummary; byCourse: Array<{ courseId: string } & RatingSummary> }> {
    const { rows } = await this.db.query<{ course_id: string; n: number; total: number }>(
      'SELECT course_id, count(*)::int AS n, sum(rating)::int AS total FROM reviews WHERE tutor_id = $1 GROUP BY course_id ORDER BY course_id',
      [tutorId],
    );
    const count = rows.reduce((a, r) => a + r.n, 0);
    const sum = rows.reduce((a, r) => a + r.total, 0);
    return { overall: summary(count, sum), byCourse: rows.map((r) => ({ courseId: r.course_id, ...summary(r.n, r.total) })) };
  }

  /** Every tutor's rating in one course. */
  async summaryForCourse(courseId: string): Promise<RatingSummary> {
    const { rows } = await this.db.query<{ n: number; total: number | null }>(
      'SELECT count(*)::int AS n, sum(rating)::int AS total FROM reviews WHERE course_id = $1',
      [courseId],
    );
    return summary(rows[0]!.n, rows[0]!.total ?? 0);
  }
}
