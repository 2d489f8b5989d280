// A session is a short-lived access token plus a rotating refresh token; this starts and describes one.
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import type { UsersDependencies } from '../dependencies';
import type { UserRecord } from '../data/user-repository';
import { hashSecretToken, newSecretToken } from './secret-tokens';

export interface IssuedSession {
  user: UserRecord;
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
}

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

export function accessFor(
  deps: UsersDependencies,
  user: UserRecord,
  session: { refreshToken: string; refreshExpiresAt: Date; secondFactor: boolean },
): IssuedSession {
  const { refreshToken, refreshExpiresAt, secondFactor } = session;
  return {
    user,
    accessToken: deps.tokens.sign(user, { secondFactor }),
    expiresIn: deps.tokens.policy.ttlSeconds,
    refreshToken,
    refreshExpiresAt,
  };
}

/** `secondFactor`: the person gave a code from their authenticator (or a recovery code) after the password. */
export async function startSession(deps: UsersDependencies, user: UserRecord, secondFactor = false): Promise<IssuedSession> {
  const refreshToken = newSecretToken();
  const now = Date.now();
  const idleExpiresAt = new Date(now + deps.sessionPolicy.idleMs);
  await deps.sessions.create({
    userId: user.id,
    familyId: randomUUID(),
    tokenHash: hashSecretToken(refreshToken),
    idleExpiresAt,
    familyExpiresAt: new Date(now + deps.sessionPolicy.absoluteMs),
    secondFactor,
  });
  return accessFor(deps, user, { refreshToken, refreshExpiresAt: idleExpiresAt, secondFactor });
}
