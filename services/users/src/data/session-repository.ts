// users.refresh_tokens: refresh token families, rotation and revocation. Only token hashes are stored.
import type pg from 'pg';
import { withTransaction } from '@tutoring-platform/postgres';

export interface NewRefreshToken {
  userId: string;
  familyId: string;
  tokenHash: Buffer;
  idleExpiresAt: Date;
  familyExpiresAt: Date;
}

export type RotationOutcome =
  | { outcome: 'rotated'; userId: string; familyId: string; idleExpiresAt: Date }
  | { outcome: 'reused' | 'expired'; userId: string; familyId: string }
  | { outcome: 'unknown' };

interface TokenRow {
  user_id: string;
  family_id: string;
  family_expires_at: Date;
  idle_expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

export class SessionRepository {
  constructor(private readonly db: pg.Pool) {}

  async create(token: NewRefreshToken): Promise<void> {
    await this.db.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, idle_expires_at, family_expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [token.userId, token.familyId, token.tokenHash, token.idleExpiresAt, token.familyExpiresAt],
    );
  }

  /**
   * Swaps a presented token for the next one atomically. A token that was already used or revoked means
   * it leaked (or a replay): the whole family is revoked so neither the thief nor the owner can go on.
   */
  async rotate(presentedHash: Buffer, nextHash: Buffer, idleMs: number): Promise<RotationOutcome> {
    return withTransaction(this.db, async (tx) => {
      const { rows } = await tx.query<TokenRow>(
        `SELECT user_id, family_id, family_expires_at, idle_expires_at, used_at, revoked_at
         FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
        [presentedHash],
      );
      const token = rows[0];
      if (!token) return { outcome: 'unknown' };
      const ids = { userId: token.user_id, familyId: token.family_id };
      if (token.used_at || token.revoked_at) {
        await tx.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [token.family_id]);
        return { outcome: 'reused', ...ids };
      }
      const now = Date.now();
      if (token.idle_expires_at.getTime() <= now || token.family_expires_at.getTime() <= now) {
        return { outcome: 'expired', ...ids };
      }
      const idleExpiresAt = new Date(Math.min(now + idleMs, token.family_expires_at.getTime()));
      await tx.query('UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1', [presentedHash]);
      await tx.query(
        `INSERT INTO refresh_tokens (user_id, family_id, token_hash, idle_expires_at, family_expires_at) VALUES ($1, $2, $3, $4, $5)`,
        [token.user_id, token.family_id, nextHash, idleExpiresAt, token.family_expires_at],
      );
      return { outcome: 'rotated', ...ids, idleExpiresAt };
    });
  }

  async findFamilyId(tokenHash: Buffer, userId?: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ family_id: string }>(
      'SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND ($2::uuid IS NULL OR user_id = $2::uuid)',
      [tokenHash, userId ?? null],
    );
    return rows[0]?.family_id;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [familyId]);
  }

  /** Revokes every session of the user, except the family `keepFamilyId` when given. */
  async revokeAllForUser(userId: string, keepFamilyId?: string): Promise<void> {
    await this.db.query(
      `UPDATE refresh_tokens SET revoked_at = now()
       WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR family_id <> $2::uuid)`,
      [userId, keepFamilyId ?? null],
    );
  }
}
