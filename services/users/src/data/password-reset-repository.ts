// users.password_resets: password reset links, kept as hashes, each good once for a short while.
import type pg from 'pg';
import type { Queryable } from '@tutoring-platform/postgres';

/** At most this many links per account in a reset's lifetime: nobody fills a stranger's mailbox. */
const MAX_OPEN_RESETS = 3;

export class PasswordResetRepository {
  constructor(private readonly db: pg.Pool) {}

  /**
   * For an active account with this email, records the reset and writes the event that emails its link, in one
   * statement; for any other email the same statement writes nothing, so both take about the same time.
   */
  async issue(email: string, token: { raw: string; hash: Buffer }, validMinutes: number): Promise<void> {
    await this.db.query(
      `WITH account AS (
         SELECT u.id FROM users u WHERE u.email = $1 AND u.status = 'active'
           AND (SELECT count(*) FROM password_resets r WHERE r.user_id = u.id AND r.created_at > now() - $3 * interval '1 minute') < $5),
       issued AS (
         INSERT INTO password_resets (token_hash, user_id, expires_at)
         SELECT $2, id, now() + $3 * interval '1 minute' FROM account RETURNING user_id, expires_at)
       INSERT INTO outbox (destination, key, type, data)
       SELECT 'notifications', user_id::text, 'password-reset-requested',
              jsonb_build_object('userId', user_id, 'token', $4::text, 'expiresAt', expires_at)
       FROM issued`,
      [email, token.hash, validMinutes, token.raw, MAX_OPEN_RESETS],
    );
  }

  /** Uses up the reset if it is unused and unexpired; its account, or undefined. */
  async redeem(q: Queryable, tokenHash: Buffer): Promise<string | undefined> {
    const { rows } = await q.query<{ user_id: string }>(
      'UPDATE password_resets SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id',
      [tokenHash],
    );
    return rows[0]?.user_id;
  }
}
