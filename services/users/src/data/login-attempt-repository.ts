// users.login_attempts: failed logins per account and per client address, each counted over a fixed window.
import type pg from 'pg';

export interface AttemptCount {
  key: string;
  /** Attempts in the current window, this one included. */
  attempts: number;
  /** When the window ends and the count starts again. */
  windowEndsAt: Date;
}

/**
 * Every login attempt takes its place in the count before the password is checked, in one statement, so parallel
 * guesses cannot all pass a check that none of them has counted yet; a success gives its place back.
 */
export class LoginAttemptRepository {
  constructor(
    private readonly db: pg.Pool,
    private readonly windowMinutes: number,
  ) {}

  async count(keys: string[]): Promise<AttemptCount[]> {
    const { rows } = await this.db.query<{ key: string; failures: number; ends: Date }>(
      `INSERT INTO login_attempts AS a (key, failures, window_started_at) SELECT unnest($1::text[]), 1, now()
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN a.window_started_at + make_interval(mins => $2) > now() THEN a.failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN a.window_started_at + make_interval(mins => $2) > now() THEN a.window_started_at ELSE now() END
       RETURNING key, failures, window_started_at + make_interval(mins => $2) AS ends`,
      [keys, this.windowMinutes],
    );
    return rows.map((r) => ({ key: r.key, attempts: r.failures, windowEndsAt: r.ends }));
  }

  /** A successful login: the account starts afresh, the client's attempt no longer counts as a failure. */
  async succeeded(accountKey: string, clientKey: string): Promise<void> {
    await this.db.query(
      `WITH cleared AS (DELETE FROM login_attempts WHERE key = $1)
       UPDATE login_attempts SET failures = greatest(failures - 1, 0) WHERE key = $2`,
      [accountKey, clientKey],
    );
  }
}
