// notifications.notifications and email_opt_outs: each person's inbox, and the email they turned off.
import type pg from 'pg';
import type { Queryable } from '@tutoring-platform/postgres';

/** What a notification is about; email can be turned off per type. */
export const notificationTypes = [
  'booking-request',
  'booking-update',
  'session-reminder',
  'course-approval',
  'group-membership',
  'group-reply',
] as const;
export type NotificationType = (typeof notificationTypes)[number];

/** A session as a calendar entry: what a confirmation's email attaches as an .ics file. */
export interface CalendarEntry {
  uid: string;
  start: string;
  end: string;
  summary: string;
  description: string;
  location: string | null;
}

export interface NewNotification {
  userId: string;
  type: NotificationType;
  title: string;
  body: string;
  /** Where in the web app it leads (a path). */
  link: string | null;
  /** The session it confirms, attached to its email. */
  calendar?: CalendarEntry | null;
}

export interface NotificationRecord extends NewNotification {
  id: string;
  createdAt: Date;
  readAt: Date | null;
}

interface NotificationRow {
  id: string;
  user_id: string;
  type: NotificationType;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
  calendar: CalendarEntry | null;
}

const toRecord = (r: NotificationRow): NotificationRecord => ({
  id: r.id,
  userId: r.user_id,
  type: r.type,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: r.created_at,
  readAt: r.read_at,
  calendar: r.calendar,
});

export class NotificationRepository {
  constructor(private readonly db: pg.Pool) {}

  async insert(q: Queryable, n: NewNotification): Promise<NotificationRecord> {
    const { rows } = await q.query<NotificationRow>(
      'INSERT INTO notifications (user_id, type, title, body, link, calendar) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
      [n.userId, n.type, n.title, n.body, n.link, n.calendar ? JSON.stringify(n.calendar) : null],
    );
    return toRecord(rows[0]!);
  }

  async findById(id: string): Promise<NotificationRecord | undefined> {
    const { rows } = await this.db.query<NotificationRow>('SELECT * FROM notifications WHERE id = $1', [id]);
    return rows[0] && toRecord(rows[0]);
  }

  /** The user's notifications, newest first, after the cursor. */
  async listFor(userId: string, limit: number, after?: { createdAt: string; id: string }): Promise<NotificationRecord[]> {
    const { rows } = await this.db.query<NotificationRow>(
      `SELECT * FROM notifications WHERE user_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $4`,
      [userId, after?.createdAt ?? null, after?.id ?? null, limit],
    );
    return rows.map(toRecord);
  }

  async unreadCount(userId: string): Promise<number> {
    const { rows } = await this.db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL',
      [userId],
    );
    return rows[0]!.count;
  }

  /** Marks one of the user's notifications read; undefined when the user has no such notification. */
  async markRead(userId: string, id: string): Promise<NotificationRecord | undefined> {
    const { rows } = await this.db.query<NotificationRow>(
      'UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING *',
      [id, userId],
    );
    return rows[0] && toRecord(rows[0]);
  }

  async markAllRead(userId: string): Promise<number> {
    const { rowCount } = await this.db.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [userId]);
    return rowCount ?? 0;
  }

  async emailOptOuts(userId: string): Promise<NotificationType[]> {
    const { rows } = await this.db.query<{ type: NotificationType }>('SELECT type FROM email_opt_outs WHERE user_id = $1', [userId]);
    return rows.map((r) => r.type);
  }

  async setEmailOptOut(userId: string, type: NotificationType, optedOut: boolean): Promise<void> {
    await this.db.query(
      optedOut
        ? 'INSERT INTO email_opt_outs (user_id, type) VALUES ($1, $2) ON CONFLICT DO NOTHING'
        : 'DELETE FROM email_opt_outs WHERE user_id = $1 AND type = $2',
      [userId, type],
    );
  }
}
