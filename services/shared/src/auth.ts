// Verifies RS256 access tokens issued by the users service; every service authenticates requests through here.
import type { KeyObject } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import jwt from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { PEER_TIMEOUT_DEFAULT_MS } from './config';
import { AppError } from './errors';

export const roles = ['student', 'admin'] as const;
export type Role = (typeof roles)[number];

export interface AuthUser {
  id: string;
  role: Role;
  name: string;
  /** The account's email was confirmed by a link sent to it (claim `email_verified`). */
  emailVerified: boolean;
  /** This session was signed in with a second factor as well as the password (claim `amr` has `otp`, RFC 8176). */
  secondFactor: boolean;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `authenticate` when the request carries a person's valid access token. */
    auth?: AuthUser;
    /** Set by `authenticate` when the request carries a platform service's token: that service's name. */
    caller?: string;
  }
}

/** Who a valid token speaks for: a person, or one of the platform's services acting on its own behalf. */
export type Principal = { user: AuthUser } | { service: string };

export interface TokenSettings {
  issuer: string;
  audience: string;
  /** Accounts whose tokens stopped being good (suspensions); tokens issued before that are refused. */
  revocations?: Revocations;
}

/** When a subject's tokens stopped being good, in epoch milliseconds, or undefined when they did not. */
export interface Revocations {
  revokedAt(subject: string): number | undefined;
}

export interface RevokedSubject {
  userId: string;
  revokedAt: string;
}

/**
 * The list of revoked subjects, answered from memory and loaded again in the background when a token is checked
 * and the list is older than `intervalMs`; a failed load keeps the last good list. No timer: an idle process does
 * not poll, and nothing is left running when an app is dropped. With the 20 s default a suspended account's access
 * tokens stop working within about 20 s in every service, instead of living out their 15 minutes.
 */
export function polledRevocations(load: () => Promise<RevokedSubject[]>, intervalMs = 20_000): Revocations {
  let revoked = new Map<string, number>();
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading = false;
  const refresh = () => {
    loading = true;
    load()
      .then(
        (list) => {
          revoked = new Map(list.map((r) => [r.userId, Date.parse(r.revokedAt)]));
        },
        () => undefined,
      )
      .finally(() => {
        loadedAt = Date.now();
        loading = false;
      });
  };
  return {
    revokedAt(subject) {
      if (!loading && Date.now() - loadedAt >= intervalMs) refresh();
      return revoked.get(subject);
    },
  };
}

const revokedList = z.object({ revoked: z.array(z.object({ userId: z.string(), revokedAt: z.string() })) });

/** The users service's list of recently suspended accounts, published beside its JWKS as `revocations.json`. */
export function revocationsBeside(jwksUri: string, timeoutMs = PEER_TIMEOUT_DEFAULT_MS): () => Promise<RevokedSubject[]> {
  const url = new URL('revocations.json', jwksUri);
  return async () => {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`revocations answered ${res.status}`);
    return revokedList.parse(await res.json()).revoked;
  };
}

/** Finds the public key for a `kid`; rejects when there is none. */
export type PublicKeyResolver = (kid: string) => Promise<KeyObject | string>;

export interface JwksOptions {
  /** Least time between two fetches that unknown key ids cause. @default 5000 */
  cooldownMs?: number;
  /** Known keys are fetched again after this long, so a key dropped from the JWKS stops working. @default 600000 */
  maxAgeMs?: number;
  /** The longest wait for the JWKS. @default PEER_TIMEOUT_DEFAULT_MS */
  timeoutMs?: number;
}

/**
 * Keys from the users service's JWKS, held in memory. An unknown `kid` fetches the set again, at most once per
 * cooldown, and requests that arrive during a fetch wait for it. So tokens with made-up key ids cost at most one
 * fetch per cooldown and can never exhaust a budget: a real key published by a rotation is found within one cooldown.
 */
export function jwksKeyResolver(jwksUri: string, options: JwksOptions = {}): PublicKeyResolver {
  const { cooldownMs = 5_000, maxAgeMs = 10 * 60_000, timeoutMs = PEER_TIMEOUT_DEFAULT_MS } = options;
  const client = new JwksClient({ jwksUri, cache: false, rateLimit: false, timeout: timeoutMs });
  let keys = new Map<string, KeyObject | string>();
  let fetchedAt = 0;
  let fetching: Promise<void> | undefined;
  const fetchKeys = () =>
    (fetching ??= client
      .getSigningKeys()
      .then((found) => {
        keys = new Map(found.map((k) => [k.kid, k.getPublicKey()]));
      })
      // unreachable JWKS: keep the keys we have; the cooldown spaces out the retries
      .catch(() => undefined)
      .finally(() => {
        fetchedAt = Date.now();
        fetching = undefined;
      }));
  return async (kid) => {
    const age = Date.now() - fetchedAt;
    const known = keys.get(kid);
    if (known && age < maxAgeMs) return known;
    if (fetching) await fetching;
    else if (known || age >= cooldownMs) await fetchKeys();
    const key = keys.get(kid);
    if (!key) throw new Error(`unknown kid ${kid}`);
    return key;
  };
}

const invalidToken = (message: string) =>
  new AppError('invalid-token', 401, message, undefined, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });

export async function verifyAccessToken(token: string, resolveKey: PublicKeyResolver, settings: TokenSettings): Promise<Principal> {
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
  const { sub, role, name, typ, email_verified: emailVerified, amr } = payload;
  if (typ === 'service' && typeof sub === 'string') return { service: sub };
  if (typ !== 'access' || typeof sub !== 'string' || typeof name !== 'string' || !roles.includes(role)) {
    throw invalidToken('The access token is not an access token');
  }
  return {
    user: {
      id: sub,
      role: role as Role,
      name,
      emailVerified: emailVerified === true,
      secondFactor: Array.isArray(amr) && amr.includes('otp'),
    },
  };
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
  const verified = new LRUCache<string, { principal: Principal; issuedAtMs: number }>({ max: 10_000 });
  const revoked = (principal: Principal, issuedAtMs: number) => {
    const since = 'user' in principal ? settings.revocations?.revokedAt(principal.user.id) : undefined;
    return since !== undefined && issuedAtMs <= since;
  };
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) return next();
    const match = bearerPattern.exec(header);
    const token = match?.[1];
    if (!token) throw invalidToken('The Authorization header must be "Bearer <token>"');
    let entry = verified.get(token);
    if (!entry) {
      const principal = await verifyAccessToken(token, resolveKey, settings);
      const { exp, iat } = jwt.decode(token) as jwt.JwtPayload;
      entry = { principal, issuedAtMs: (iat ?? 0) * 1000 };
      const ttl = exp ? exp * 1000 - Date.now() : 0;
      if (ttl > 0) verified.set(token, entry, { ttl });
    }
    if (revoked(entry.principal, entry.issuedAtMs)) throw invalidToken('The access token was revoked; sign in again');
    if ('user' in entry.principal) req.auth = entry.principal.user;
    else req.caller = entry.principal.service;
    next();
  };
}

/**
 * `verified`: a signed-in person whose email is confirmed. `admin`: an administrator signed in with two factors.
 * `service`: only the platform's own services, with a service token; people's tokens do not reach it.
 */
export type AccessLevel = 'public' | 'user' | 'verified' | 'admin' | 'service';

/** Throws 401/403 unless the request's caller has the access level; answers the person making it, if any. */
export function requireAccess(req: Pick<Request, 'auth' | 'caller'>, level: AccessLevel): AuthUser | undefined {
  const { auth } = req;
  if (level === 'service') {
    if (req.caller) return undefined;
    if (auth) throw new AppError('forbidden', 403, 'Only the platform’s services can do this');
    throw new AppError('authentication-required', 401, 'Send a service token', undefined, { 'WWW-Authenticate': 'Bearer' });
  }
  if (level === 'public') return auth;
  if (!auth) {
    throw new AppError('authentication-required', 401, 'Sign in to do this', undefined, { 'WWW-Authenticate': 'Bearer' });
  }
  if (level === 'admin' && auth.role !== 'admin') throw new AppError('forbidden', 403, 'Only administrators can do this');
  if (level === 'admin' && !auth.secondFactor) {
    throw new AppError(
      'second-factor-required',
      403,
      'Administrators sign in with a second step: turn on two-step sign-in in Settings, then sign in again',
    );
  }
  if (level === 'verified' && !auth.emailVerified) {
    throw new AppError('email-not-verified', 403, 'Confirm your email first: follow the link we sent you, or ask for a new one');
  }
  return auth;
}

/**
 * How a service that only verifies tokens checks them: the users service's JWKS, its issuer and audience, and the
 * suspended accounts published beside the JWKS, from the service's configuration.
 */
export function verifyingWith(config: {
  JWKS_URL: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  PEER_TIMEOUT_MS: number;
  REVOCATION_POLL_MS: number;
}): { resolveKey: PublicKeyResolver; tokens: TokenSettings } {
  return {
    resolveKey: jwksKeyResolver(config.JWKS_URL, { timeoutMs: config.PEER_TIMEOUT_MS }),
    tokens: {
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      revocations: polledRevocations(revocationsBeside(config.JWKS_URL, config.PEER_TIMEOUT_MS), config.REVOCATION_POLL_MS),
    },
  };
}
