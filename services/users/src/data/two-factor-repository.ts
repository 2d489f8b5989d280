// Two-step sign-in state in users.users (TOTP secrets, the last step used), users.recovery_codes and
// users.sign_in_challenges (between a right password and the second step).
import type pg from 'pg';
import { withTransaction } from '@tutoring-platform/postgres';

export interface TotpState {
  secret: string | null;
  pendingSecret: string | null;
  lastStep: number | null;
}

export type ChallengeState = { userId: string; failures: number } | undefined;

export class TwoFactorRepository {
  constructor(private readonly db: pg.Pool) {}

  async state(userId: string): Promise<TotpState | undefined> {
    const { rows } = await this.db.query<{ totp_secret: string | null; totp_pending_secret: string | null; totp_last_step: string | null }>(
      'SELECT totp_secret, totp_pending_secret, totp_last_step FROM users WHERE id = $1',
      [userId],
    );
    const row = rows[0];
    return (
      row && {
        secret: row.totp_secret,
        pendingSecret: row.totp_pending_secret,
        lastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
      }
    );
  }

  async setPending(userId: string, secret: string): Promise<void> {
    await this.db.query('UPDATE users SET totp_pending_secret = $2 WHERE id = $1', [userId, secret]);
  }

  /**
   * The pending secret becomes the secret, its first code's step counts as used, and the recovery codes are
   * replaced; false if another confirmation took the pending secret first.
   */
  async enable(userId: string, pendingSecret: string, step: number, recoveryCodeHashes: Buffer[]): Promise<boolean> {
    return withTransaction(this.db, async (tx) => {
      const { rowCount } = await tx.query(
        `UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_last_step = $3, updated_at = now()
         WHERE id = $1 AND totp_pending_secret = $2`,
        [userId, pendingSecret, step],
      );
      if (rowCount !== 1) return false;
      await tx.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
      await tx.query('INSERT INTO recovery_codes (user_id, code_hash) SELECT $1, unnest($2::bytea[])', [userId, recoveryCodeHashes]);
      return true;
    });
  }

  async disable(userId: string): Promise<void> {
    await withTransaction(this.db, async (tx) => {
      await tx.query(
        'UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_last_step = NULL, updated_at = now() WHERE id = $1',
        [userId],
      );
      await tx.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
    });
  }

  /** Takes the time step of an accepted code, unless it or a later one was taken: a code works once. */
  async useStep(userId: string, step: number): Promise<boolean> {
    const { rowCount } = await this.db.query(
      'UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)',
      [userId, step],
    );
    return rowCount === 1;
  }

  async useRecoveryCode(userId: string, codeHash: Buffer): Promise<boolean> {
    const { rowCount } = await this.db.query(
      'UPDATE recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL',
      [userId, codeHash],
    );
    return rowCount === 1;
  }

  async createChallenge(tokenHash: Buffer, userId: string, validSeconds: number): Promise<void> {
    await this.db.query(
      `WITH pruned AS (DELETE FROM sign_in_challenges WHERE expires_at < now() - interval '1 hour')
       INSERT INTO sign_in_challenges (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`,
      [tokenHash, userId, validSeconds],
    );
  }

  /** The challenge's account and wrong codes so far, counting this attempt as wrong until `passed`; undefined if unknown or expired. */
  async attempt(tokenHash: Buffer): Promise<ChallengeState> {
    const { rows } = await this.db.query<{ user_id: string; failures: number }>(
      `UPDATE sign_in_challenges SET failures = failures + 1 WHERE token_hash = $1 AND expires_at > now() RETURNING user_id, failures`,
      [tokenHash],
    );
    return rows[0] && { userId: rows[0].user_id, failures: rows[0].failures };
  }

  /** The second step succeeded: the challenge is used up. */
  async passed(tokenHash: Buffer): Promise<void> {
    await this.db.query('DELETE FROM sign_in_challenges WHERE token_hash = $1', [tokenHash]);
  }
}
