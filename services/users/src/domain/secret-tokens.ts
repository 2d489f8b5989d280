// The one-time secrets the users service hands out (refresh tokens, emailed links, sign-in challenges): 256 random
// bits, of which only the SHA-256 is stored, so a database leak yields no usable token.
import { createHash, randomBytes } from 'node:crypto';

export const newSecretToken = (): string => randomBytes(32).toString('base64url');
export const hashSecretToken = (token: string): Buffer => createHash('sha256').update(token).digest();

/** How such a token travels in a request body: 43 base64url characters. */
export const secretTokenPattern = /^[A-Za-z0-9_-]{43}$/;
