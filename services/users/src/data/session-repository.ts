// users.refresh_tokens: refresh token families, rotation and revocation. Only token hashes are stored.
import type pg from 'pg';
import { withTransaction, type Queryable } from '@tutoring-platform/postgres';

export interface NewRefreshToken {
  userId: string;
  familyId: string;
  tokenHash: Buffer;
  idleExpiresAt: Date;
  familyExpiresAt: Date;
  /** Signed in with a second factor as well as the password. */
  secondFactor: boolean;
}

export type RotationOutcome =
  | { outcome: 'rotated'; userId: string; familyId: string; idleExpiresAt: Date; secondFactor: boolean }
  /** Spent within the grace window: the successor it was swapped for, still sealed. */
  | { outcome: 'replayed'; userId: string; familyId: string; idleExpiresAt: Date; secondFactor: boolean; successorSealed: Buffer }
  | { outcome: 'reused' | 'expired' | 'ended'; userId: string; familyId: string }
  | { outcome: 'unknown' };

export interface Successor {
  hash: Buffer;
  /** The successor token sealed under the presented one. */
  sealed: Buffer;
}

interface TokenRow {
  user_id: string;
  family_id: string;
  family_expires_at: Date;
  idle_expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
  revoked_reason: RevokeReason | null;
  successor_sealed: Buffer | null;
  second_factor: boolean;
}

/** Why a session ended: a spent token presented again, or something the person or an admin did. */
export type RevokeReason = 'reuse' | 'logout' | 'password-change' | 'password-reset' | 'suspension';

export class SessionRepository {
  constructor(private readonly db: pg.Pool) {}

  async create(token: NewRefreshToken): Promise<void> {
    await this.db.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, idle_expires_at, family_expires_at, second_factor)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [token.userId, token.familyId, token.tokenHash, token.idleExpiresAt, token.familyExpiresAt, token.secondFactor],
    );
  }

  /**
   * Swaps a presented token for the next one atomically. A token spent within `graceMs` gives back the successor
   * it was swapped for (two tabs refreshing at once). Spent before that, it leaked or is replayed: the whole family
   * is revoked so neither the thief nor the owner can go on. A token of an ended session (logout) is just ended.
   */
  async rotate(presentedHash: Buffer, next: Successor, policy: { idleMs: number; graceMs: number }): Promise<RotationOutcome> {
    return withTransaction(this.db, async (tx) => {
      const { rows } = await tx.query<TokenRow>(
        `SELECT user_id, family_id, family_expires_at, idle_expires_at, used_at, revoked_at, revoked_reason, successor_sealed,
                second_factor
         FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
        [presentedHash],
      );
      const token = rows[0];
      if (!token) return { outcome: 'unknown' };
      const ids = { userId: token.user_id, familyId: token.family_id };
      const now = Date.now();
      const successorExpiry = (usedAt: number) => new Date(Math.min(usedAt + policy.idleMs, token.family_expires_at.getTime()));
      if (token.revoked_at) return { outcome: token.revoked_reason === 'reuse' ? 'reused' : 'ended', ...ids };
      if (token.used_at) {
        if (token.successor_sealed && now - token.used_at.getTime() <= policy.graceMs) {
          return {
            outcome: 'replayed',
            ...ids,
            idleExpiresAt: successorExpiry(token.used_at.getTime()),
            secondFactor: token.second_factor,
            successorSealed: token.successor_sealed,
          };
        }
        await tx.query(
          `UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = 'reuse' WHERE family_id = $1 AND revoked_at IS NULL`,
          [token.family_id],
        );
        return { outcome: 'reused', ...ids };
      }
      if (token.idle_expires_at.getTime() <= now || token.family_expires_at.getTime() <= now) {
        return { outcome: 'expired', ...ids };
      }
      const idleExpiresAt = successorExpiry(now);
      await tx.query('UPDATE refresh_tokens SET used_at = $2, successor_sealed = $3 WHERE token_hash = $1', [
        presentedHash,
        new Date(now),
        next.sealed,
      ]);
      await tx.query(
        `INSERT INTO refresh_tokens (user_id, family_id, token_hash, idle_expires_at, family_expires_at, second_factor)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [token.user_id, token.family_id, next.hash, idleExpiresAt, token.family_expires_at, token.second_factor],
      );
      return { outcome: 'rotated', ...ids, idleExpiresAt, secondFactor: token.second_factor };
    });
  }

  async findFamilyId(tokenHash: Buffer, userId?: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ family_id: string }>(
      'SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND ($2::uuid IS NULL OR user_id = $2::uuid)',
      [tokenHash, userId ?? null],
    );
    return rows[0]?.family_id;
  }

  async revokeFamily(familyId: string, reason: RevokeReason): Promise<void> {
    await this.db.query('UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $2 WHERE family_id = $1 AND revoked_at IS NULL', [
      familyId,
      reason,
    ]);
  }

  /** Revokes every session of the user, except the family `keepFamilyId` when given. */
  async revokeAllForUser(userId: string, reason: RevokeReason, keepFamilyId?: string, q: Queryable = this.db): Promise<void> {
    await q.query(
      `UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $3
       WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR family_id <> $2::uuid)`,
      [userId, keepFamilyId ?? null, reason],
    );
  }
}
