// notifications.reminders: a reminder per upcoming session and kind, due at a fixed instant, sent once.
import type { Queryable } from '@tutoring-platform/postgres';

export type ReminderKind = 'day' | 'hour';

/** How long before the session each kind is due. */
export const reminderLeads: Record<ReminderKind, number> = { day: 24 * 3_600_000, hour: 3_600_000 };

/** What a reminder tells: the session as it stood when it was last confirmed or moved. */
export interface RemindedSession {
  bookingId: string;
  tutorId: string;
  studentId: string;
  course: { code: string; title: string };
  mode: 'online' | 'in_person';
  place: string | null;
  start: string;
  end: string;
}

export interface DueReminder {
  kind: ReminderKind;
  session: RemindedSession;
}

export class ReminderRepository {
  /** Plans the session's reminders; a kind already past due (a session booked an hour ahead) is left out. */
  async plan(q: Queryable, session: RemindedSession, now: Date): Promise<void> {
    const start = new Date(session.start).getTime();
    for (const [kind, lead] of Object.entries(reminderLeads)) {
      const due = new Date(start - lead);
      if (due <= now) continue;
      await q.query(
        `INSERT INTO reminders (booking_id, kind, due_at, session) VALUES ($1, $2, $3, $4)
         ON CONFLICT (booking_id, kind) DO UPDATE SET due_at = $3, session = $4 WHERE reminders.sent_at IS NULL`,
        [session.bookingId, kind, due, JSON.stringify(session)],
      );
    }
  }

  /** The session will not happen (or not then): its unsent reminders go. */
  async cancel(q: Queryable, bookingId: string): Promise<void> {
    await q.query('DELETE FROM reminders WHERE booking_id = $1 AND sent_at IS NULL', [bookingId]);
  }

  /**
   * Marks up to `limit` reminders due by `now` sent and returns them, in the caller's transaction: the instance that
   * claims a reminder is the only one that sends it, and if its transaction fails, none did.
   */
  async claimDue(q: Queryable, now: Date, limit: number): Promise<DueReminder[]> {
    const { rows } = await q.query<{ kind: ReminderKind; session: RemindedSession }>(
      `UPDATE reminders SET sent_at = $1
       WHERE (booking_id, kind) IN (
         SELECT booking_id, kind FROM reminders WHERE sent_at IS NULL AND due_at <= $1 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING kind, session`,
      [now, limit],
    );
    return rows;
  }
}
