// A session is a short-lived access token plus a rotating refresh token; this starts and describes one.
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
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

/** AES-256-GCM under a key only the holder of `spent` can derive: the stored hash is a different digest. */
const successorKey = (spent: string) => createHash('sha256').update(`successor of ${spent}`).digest();

export function sealSuccessor(spent: string, successor: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', successorKey(spent), iv);
  const sealed = Buffer.concat([cipher.update(successor, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
}

export function openSuccessor(spent: string, sealed: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', successorKey(spent), sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}

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
