// A session is a short-lived access token plus a rotating refresh token; this starts and describes one.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { UsersDependencies } from '../dependencies';
import type { UserRecord } from '../data/user-repository';

export interface IssuedSession {
  user: UserRecord;
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/** 256 random bits; only its SHA-256 is stored, so a database leak yields no usable tokens. */
export const newRefreshToken = (): string => randomBytes(32).toString('base64url');
export const hashRefreshToken = (token: string): Buffer => createHash('sha256').update(token).digest();

export function accessFor(deps: UsersDependencies, user: UserRecord, refreshToken: string, refreshExpiresAt: Date): IssuedSession {
  return {
    user,
    accessToken: deps.tokens.sign(user),
    expiresIn: deps.tokens.policy.ttlSeconds,
    refreshToken,
    refreshExpiresAt,
  };
}

export async function startSession(deps: UsersDependencies, user: UserRecord): Promise<IssuedSession> {
  const refreshToken = newRefreshToken();
  const now = Date.now();
  const idleExpiresAt = new Date(now + deps.sessionPolicy.idleMs);
  await deps.sessions.create({
    userId: user.id,
    familyId: randomUUID(),
    tokenHash: hashRefreshToken(refreshToken),
    idleExpiresAt,
    familyExpiresAt: new Date(now + deps.sessionPolicy.absoluteMs),
  });
  return accessFor(deps, user, refreshToken, idleExpiresAt);
}
