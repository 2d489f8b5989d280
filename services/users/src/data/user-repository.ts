// users.users: accounts, profiles and account status.
import type pg from 'pg';
import { isUniqueViolation, type Queryable } from '@tutoring-platform/postgres';
import { AppError } from '@tutoring-platform/shared';

export type UserRole = 'student' | 'admin';
export type UserStatus = 'active' | 'suspended';

export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string;
  displayName: string;
  role: UserRole;
  timezone: string;
  bio: string;
  school: string | null;
  coursesOfStudy: string[];
  status: UserStatus;
  /** A link sent to the email was followed. */
  emailVerified: boolean;
  /** Signing in takes a code from an authenticator app after the password. */
  twoFactorEnabled: boolean;
  suspendedAt: Date | null;
  suspensionReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProfileChanges {
  displayName?: string | undefined;
  bio?: string | undefined;
  timezone?: string | undefined;
  school?: string | null | undefined;
  coursesOfStudy?: string[] | undefined;
}

export interface UserSearch {
  q?: string | undefined;
  status?: UserStatus | undefined;
  limit: number;
  after?: { createdAt: string; id: string } | undefined;
}

const columns = `id, email, password_hash, display_name, role, timezone, bio, school, courses_of_study, status,
  email_verified_at IS NOT NULL AS email_verified, totp_secret IS NOT NULL AS two_factor_enabled,
  suspended_at, suspension_reason, created_at, updated_at`;

/**
 * The notifications service keeps whom to write to, what to call them and in which zone: every statement that makes
 * an account or changes one of those writes this event for it into the outbox, in the same statement.
 */
const announceAccount = (changed: string) =>
  `announced AS (
     INSERT INTO outbox (destination, key, type, data)
     SELECT 'notifications', id::text, 'account-changed',
            jsonb_build_object('userId', id, 'email', email, 'displayName', display_name, 'timezone', timezone)
     FROM ${changed})`;

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  display_name: string;
  role: UserRole;
  timezone: string;
  bio: string;
  school: string | null;
  courses_of_study: string[];
  status: UserStatus;
  email_verified: boolean;
  two_factor_enabled: boolean;
  suspended_at: Date | null;
  suspension_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

const toRecord = (row: UserRow): UserRecord => ({
  id: row.id,
  email: row.email,
  passwordHash: row.password_hash,
  displayName: row.display_name,
  role: row.role,
  timezone: row.timezone,
  bio: row.bio,
  school: row.school,
  coursesOfStudy: row.courses_of_study,
  status: row.status,
  emailVerified: row.email_verified,
  twoFactorEnabled: row.two_factor_enabled,
  suspendedAt: row.suspended_at,
  suspensionReason: row.suspension_reason,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Escapes LIKE wildcards so a search for "50%" matches the text "50%". */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class UserRepository {
  constructor(private readonly db: pg.Pool) {}

  /** A new account; its email counts as confirmed only when `emailVerified` says so (an administrator from configuration). */
  async create(
    user: { email: string; passwordHash: string; displayName: string; timezone: string; role: UserRole; emailVerified?: boolean },
    q: Queryable = this.db,
  ): Promise<UserRecord> {
    try {
      const { rows } = await q.query<UserRow>(
        `WITH created AS (
           INSERT INTO users (email, password_hash, display_name, timezone, role, email_verified_at)
           VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::boolean THEN now() END) RETURNING ${columns}),
         ${announceAccount('created')}
         SELECT * FROM created`,
        [user.email, user.passwordHash, user.displayName, user.timezone, user.role, user.emailVerified ?? false],
      );
      return toRecord(rows[0]!);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('email-taken', 409, 'An account with this email already exists');
      throw err;
    }
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const { rows } = await this.db.query<UserRow>(`SELECT ${columns} FROM users WHERE id = $1`, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  async findByEmail(email: string): Promise<UserRecord | undefined> {
    const { rows } = await this.db.query<UserRow>(`SELECT ${columns} FROM users WHERE email = $1`, [email]);
    return rows[0] && toRecord(rows[0]);
  }

  async findActiveByIds(ids: string[]): Promise<UserRecord[]> {
    const { rows } = await this.db.query<UserRow>(`SELECT ${columns} FROM users WHERE id = ANY($1::uuid[]) AND status = 'active'`, [ids]);
    return rows.map(toRecord);
  }

  async updateProfile(id: string, changes: ProfileChanges, q: Queryable = this.db): Promise<UserRecord | undefined> {
    // COALESCE keeps a field when it is absent; school may be set to null explicitly.
    const { rows } = await q.query<UserRow>(
      `WITH updated AS (
         UPDATE users SET
           display_name = COALESCE($2, display_name),
           bio = COALESCE($3, bio),
           timezone = COALESCE($4, timezone),
           school = CASE WHEN $5::boolean THEN $6 ELSE school END,
           courses_of_study = COALESCE($7, courses_of_study),
           updated_at = now()
         WHERE id = $1 RETURNING ${columns}),
       ${announceAccount('updated')}
       SELECT * FROM updated`,
      [
        id,
        changes.displayName,
        changes.bio,
        changes.timezone,
        changes.school !== undefined,
        changes.school ?? null,
        changes.coursesOfStudy,
      ],
    );
    return rows[0] && toRecord(rows[0]);
  }

  /** Makes `email` the account's confirmed email: its own, or the new one it asked to change to. */
  async confirmEmail(id: string, email: string, q: Queryable): Promise<UserRecord | undefined> {
    try {
      const { rows } = await q.query<UserRow>(
        `WITH updated AS (
           UPDATE users SET email = $2, email_verified_at = now(), updated_at = now() WHERE id = $1 RETURNING ${columns}),
         ${announceAccount('updated')}
         SELECT * FROM updated`,
        [id, email],
      );
      return rows[0] && toRecord(rows[0]);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('email-taken', 409, 'An account with this email already exists');
      throw err;
    }
  }

  async setPasswordHash(id: string, passwordHash: string, q: Queryable = this.db): Promise<void> {
    await q.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [id, passwordHash]);
  }

  async setStatus(id: string, status: UserStatus, reason: string | null, q: Queryable = this.db): Promise<UserRecord | undefined> {
    const { rows } = await q.query<UserRow>(
      `UPDATE users SET status = $2, suspension_reason = $3,
         suspended_at = CASE WHEN $2 = 'suspended' THEN now() ELSE NULL END, updated_at = now()
       WHERE id = $1 RETURNING ${columns}`,
      [id, status, reason],
    );
    return rows[0] && toRecord(rows[0]);
  }

  /** Accounts suspended within the last `withinMs`, with when: their earlier access tokens no longer count. */
  async suspendedSince(withinMs: number): Promise<Array<{ userId: string; revokedAt: string }>> {
    const { rows } = await this.db.query<{ id: string; suspended_at: Date }>(
      `SELECT id, suspended_at FROM users WHERE status = 'suspended' AND suspended_at > now() - make_interval(secs => $1)`,
      [withinMs / 1000],
    );
    return rows.map((r) => ({ userId: r.id, revokedAt: r.suspended_at.toISOString() }));
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async search(search: UserSearch): Promise<UserRecord[]> {
    const { rows } = await this.db.query<UserRow>(
      `SELECT ${columns} FROM users
       WHERE ($1::text IS NULL OR email ILIKE $1 OR display_name ILIKE $1)
         AND ($2::text IS NULL OR status = $2)
         AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
       ORDER BY created_at DESC, id DESC
       LIMIT $5`,
      [
        search.q ? likePattern(search.q) : null,
        search.status ?? null,
        search.after?.createdAt ?? null,
        search.after?.id ?? null,
        search.limit,
      ],
    );
    return rows.map(toRecord);
  }
}
