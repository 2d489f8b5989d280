// notifications.recipients: whom the platform writes to, as the users service reports them.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Queryable } from '@tutoring-platform/postgres';

export interface Recipient {
  userId: string;
  email: string;
  displayName: string;
  timezone: string;
  /** Makes the one-click unsubscribe link of every email to them. */
  unsubscribeToken: string;
}

interface RecipientRow {
  user_id: string;
  email: string;
  display_name: string;
  timezone: string;
  unsubscribe_token: string;
}

const toRecipient = (r: RecipientRow): Recipient => ({
  userId: r.user_id,
  email: r.email,
  displayName: r.display_name,
  timezone: r.timezone,
  unsubscribeToken: r.unsubscribe_token,
});

export class RecipientRepository {
  constructor(private readonly db: pg.Pool) {}

  /** Records the account as it is now; the unsubscribe token stays the one it was first given. */
  async save(q: Queryable, account: Omit<Recipient, 'unsubscribeToken'>): Promise<void> {
    await q.query(
      `INSERT INTO recipients (user_id, email, display_name, timezone, unsubscribe_token) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO UPDATE SET email = $2, display_name = $3, timezone = $4, updated_at = now()`,
      [account.userId, account.email, account.displayName, account.timezone, randomBytes(24).toString('base64url')],
    );
  }

  /** The recipients among `userIds` that are known (an account's event may not have arrived yet). */
  async findMany(userIds: string[], q: Queryable = this.db): Promise<Map<string, Recipient>> {
    const { rows } = await q.query<RecipientRow>('SELECT * FROM recipients WHERE user_id = ANY($1::uuid[])', [userIds]);
    return new Map(rows.map((r) => [r.user_id, toRecipient(r)]));
  }

  async findByUnsubscribeToken(token: string): Promise<Recipient | undefined> {
    const { rows } = await this.db.query<RecipientRow>('SELECT * FROM recipients WHERE unsubscribe_token = $1', [token]);
    return rows[0] && toRecipient(rows[0]);
  }
}
