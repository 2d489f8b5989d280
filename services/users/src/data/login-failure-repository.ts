// users.login_failures: failed login counts per email within a sliding-start window.
import type pg from 'pg';

export class LoginFailureRepository {
  constructor(
    private readonly db: pg.Pool,
    private readonly windowMinutes: number,
  ) {}

  /** When the account may try again, or undefined when it is not locked out. */
  async lockedUntil(email: string, maxFailures: number): Promise<Date | undefined> {
    const { rows } = await this.db.query<{ until: Date }>(
      `SELECT window_started_at + make_interval(mins => $3) AS until FROM login_failures
       WHERE email = $1 AND failures >= $2 AND window_started_at + make_interval(mins => $3) > now()`,
      [email, maxFailures, this.windowMinutes],
    );
    return rows[0]?.until;
  }

  async record(email: string): Promise<void> {
    await this.db.query(
      `INSERT INTO login_failures AS f (email, failures, window_started_at) VALUES ($1, 1, now())
       ON CONFLICT (email) DO UPDATE SET
         failures = CASE WHEN f.window_started_at + make_interval(mins => $2) > now() THEN f.failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN f.window_started_at + make_interval(mins => $2) > now() THEN f.window_started_at ELSE now() END`,
      [email, this.windowMinutes],
    );
  }

  async clear(email: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE email = $1', [email]);
  }
}
