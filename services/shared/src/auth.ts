// Verifies RS256 access tokens issued by the users service; every service authenticates requests through here.
import type { KeyObject } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import jwt from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import { LRUCache } from 'lru-cache';
import { AppError } from './errors';

export const roles = ['student', 'admin'] as const;
export type Role = (typeof roles)[number];

export interface AuthUser {
  id: string;
  role: Role;
  name: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `authenticate` when the request carries a valid access token. */
    auth?: AuthUser;
  }
}

export interface TokenSettings {
  issuer: string;
  audience: string;
}

/** Finds the public key for a `kid`; rejects when there is none. */
export type PublicKeyResolver = (kid: string) => Promise<KeyObject | string>;

/** Keys fetched from the users service's JWKS, cached, and fetched again (rate-limited) on an unknown kid. */
export function jwksKeyResolver(jwksUri: string): PublicKeyResolver {
  const client = new JwksClient({
    jwksUri,
    cache: true,
    cacheMaxEntries: 10,
    cacheMaxAge: 10 * 60_000,
    rateLimit: true,
    jwksRequestsPerMinute: 10,
    timeout: 5_000,
  });
  return async (kid) => (await client.getSigningKey(kid)).getPublicKey();
}

const invalidToken = (message: string) =>
  new AppError('invalid-token', 401, message, undefined, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });

export async function verifyAccessToken(token: string, resolveKey: PublicKeyResolver, settings: TokenSettings): Promise<AuthUser> {
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded || typeof decoded.payload === 'string') throw invalidToken('The access token is malformed');
  if (decoded.header.alg !== 'RS256' || !decoded.header.kid) throw invalidToken('The access token is not signed with a known key');
  const key = await resolveKey(decoded.header.kid).catch(() => {
    throw invalidToken('The access token is not signed with a known key');
  });
  let payload: jwt.JwtPayload;
  try {
    payload = jwt.verify(token, key, {
      algorithms: ['RS256'],
      issuer: settings.issuer,
      audience: settings.audience,
      clockTolerance: 5,
      complete: false,
    }) as jwt.JwtPayload;
  } catch (err) {
    const expired = err instanceof jwt.TokenExpiredError;
    throw invalidToken(expired ? 'The access token has expired' : 'The access token is not valid');
  }
  const { sub, role, name, typ } = payload;
  if (typ !== 'access' || typeof sub !== 'string' || typeof name !== 'string' || !roles.includes(role)) {
    throw invalidToken('The access token is not an access token');
  }
  return { id: sub, role: role as Role, name };
}

const bearerPattern = /^Bearer ([A-Za-z0-9_.-]{1,4096})$/;

/** The request's own access token, for calls a service makes to another on the caller's behalf ('' if none). */
export const bearerToken = (req: Request): string => bearerPattern.exec(req.headers.authorization ?? '')?.[1] ?? '';

/**
 * Attaches `req.auth` when a Bearer token is present; a bad token is a 401, no token is anonymous.
 * Verified tokens are remembered until they expire: an RSA verify per request was ~8% of CPU on GET /me.
 * The key is the whole signed token, so an altered token never matches; only successes are cached.
 */
export function authenticate(resolveKey: PublicKeyResolver, settings: TokenSettings): RequestHandler {
  const verified = new LRUCache<string, AuthUser>({ max: 10_000 });
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) return next();
    const match = bearerPattern.exec(header);
    const token = match?.[1];
    if (!token) throw invalidToken('The Authorization header must be "Bearer <token>"');
    const cached = verified.get(token);
    if (cached) {
      req.auth = cached;
      return next();
    }
    const user = await verifyAccessToken(token, resolveKey, settings);
    const exp = (jwt.decode(token) as jwt.JwtPayload).exp;
    const ttl = exp ? exp * 1000 - Date.now() : 0;
    if (ttl > 0) verified.set(token, user, { ttl });
    req.auth = user;
    next();
  };
}

export type AccessLevel = 'public' | 'user' | 'admin';

/** Throws 401/403 unless the request's user has the access level. */
export function requireAccess(auth: AuthUser | undefined, level: AccessLevel): AuthUser | undefined {
  if (level === 'public') return auth;
  if (!auth) {
    throw new AppError('authentication-required', 401, 'Sign in to do this', undefined, { 'WWW-Authenticate': 'Bearer' });
  }
  if (level === 'admin' && auth.role !== 'admin') throw new AppError('forbidden', 403, 'Only administrators can do this');
  return auth;
}
