// tutoring.calendar_feeds: which user a feed token (by its hash) belongs to.
import type pg from 'pg';

export class CalendarFeedRepository {
  constructor(private readonly db: pg.Pool) {}

  /** Replaces the user's token: the old feed URL stops working. */
  async replace(userId: string, tokenHash: Buffer): Promise<void> {
    await this.db.query(
      `INSERT INTO calendar_feeds (user_id, token_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET token_hash = $2, created_at = now()`,
      [userId, tokenHash],
    );
  }

  async remove(userId: string): Promise<void> {
    await this.db.query('DELETE FROM calendar_feeds WHERE user_id = $1', [userId]);
  }

  async ownerOf(tokenHash: Buffer): Promise<string | undefined> {
    const { rows } = await this.db.query<{ user_id: string }>('SELECT user_id FROM calendar_feeds WHERE token_hash = $1', [tokenHash]);
    return rows[0]?.user_id;
  }
}
