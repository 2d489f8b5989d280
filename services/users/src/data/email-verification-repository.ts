// users.email_verifications: links that confirm an email address, kept as hashes, each good once for a while.
import type pg from 'pg';
import type { Queryable } from '@tutoring-platform/postgres';

/** At most this many links per account in a link's lifetime: nobody fills a mailbox through us. */
const MAX_OPEN_LINKS = 3;

export interface VerificationLink {
  raw: string;
  hash: Buffer;
}

export class EmailVerificationRepository {
  constructor(private readonly db: pg.Pool) {}

  /**
   * Records a link that confirms `email` for the account and, in the same statement, writes the event that mails
   * it (and, for a change, tells the account's current address). False when the account has had its share of links.
   */
  async issue(userId: string, email: string, link: VerificationLink, validMinutes: number, q: Queryable = this.db): Promise<boolean> {
    const { rowCount } = await q.query(
      `WITH account AS (
         SELECT u.id, u.email FROM users u WHERE u.id = $1
           AND (SELECT count(*) FROM email_verifications v WHERE v.user_id = u.id AND v.created_at > now() - $4 * interval '1 minute') < $6),
       issued AS (
         INSERT INTO email_verifications (token_hash, user_id, email, expires_at)
         SELECT $3, id, $2, now() + $4 * interval '1 minute' FROM account RETURNING user_id, email, expires_at)
       INSERT INTO outbox (destination, key, type, data)
       SELECT 'notifications', issued.user_id::text, 'email-verification-requested',
              jsonb_build_object('userId', issued.user_id, 'email', issued.email, 'token', $5::text, 'expiresAt', issued.expires_at,
                                 'previousEmail', CASE WHEN account.email <> issued.email THEN account.email END)
       FROM issued JOIN account ON account.id = issued.user_id`,
      [userId, email, link.hash, validMinutes, link.raw, MAX_OPEN_LINKS],
    );
    return rowCount === 1;
  }

  /** Uses up the link if it is unused and unexpired: whose it is and the address it confirms, or undefined. */
  async redeem(q: Queryable, tokenHash: Buffer): Promise<{ userId: string; email: string } | undefined> {
    const { rows } = await q.query<{ user_id: string; email: string }>(
      `UPDATE email_verifications SET used_at = now()
       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id, email`,
      [tokenHash],
    );
    return rows[0] && { userId: rows[0].user_id, email: rows[0].email };
  }
}
