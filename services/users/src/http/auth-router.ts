// /auth/*: register, log in, refresh and log out; refresh tokens travel only in an httpOnly cookie.
import { parse as parseCookies } from 'cookie';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AppError, ianaTimeZone, type Api, secretText } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import { logIn } from '../domain/log-in';
import { logOut, logOutEverywhere } from '../domain/log-out';
import { listRevocations } from '../domain/moderate-users';
import { refreshSession } from '../domain/refresh-session';
import { registerUser } from '../domain/register-user';
import type { IssuedSession } from '../domain/sessions';
import { accountSchema, accountView, profileFields } from './user-views';

export const REFRESH_COOKIE = 'refresh_token';
/** Cookie-authenticated endpoints demand this header: a cross-site form cannot set it. */
export const CSRF_HEADER = 'x-csrf-protection';

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
export const newPasswordSchema = secretText(128).min(8, 'must be at least 8 characters');

const sessionSchema = z
  .object({ user: accountSchema, accessToken: z.string(), tokenType: z.literal('Bearer'), expiresIn: z.number().int() })
  .meta({ id: 'Session' });

/** Only the auth routes need the refresh cookie, so it is parsed here rather than on every request. */
export const refreshCookieOf = (req: Request): string | undefined => {
  const header = req.headers.cookie;
  const value = header ? parseCookies(header)[REFRESH_COOKIE] : undefined;
  return value && value.length <= 256 ? value : undefined;
};

function requireCsrfHeader(req: Request): void {
  if (req.get(CSRF_HEADER) !== '1') {
    throw new AppError('csrf-header-missing', 403, `This request needs the header ${CSRF_HEADER}: 1`);
  }
}

export function authRoutes(api: Api, deps: UsersDependencies): void {
  const cookiePath = `${api.prefix}/auth`;

  const respondWithSession = (req: Request, res: Response, session: IssuedSession) => {
    res.cookie(REFRESH_COOKIE, session.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: cookiePath,
      expires: session.refreshExpiresAt,
    });
    res.setHeader('Cache-Control', 'no-store');
    return {
      user: accountView(session.user),
      accessToken: session.accessToken,
      tokenType: 'Bearer' as const,
      expiresIn: session.expiresIn,
    };
  };
  const clearCookie = (res: Response) => res.clearCookie(REFRESH_COOKIE, { path: cookiePath, httpOnly: true, sameSite: 'strict' });

  api.route({
    method: 'post',
    path: '/auth/register',
    tag: 'auth',
    summary: 'Create an account and start a session',
    access: 'public',
    body: z.strictObject({
      email: emailSchema,
      password: newPasswordSchema,
      displayName: profileFields.displayName,
      timezone: ianaTimeZone,
    }),
    response: sessionSchema,
    status: 201,
    errors: [409],
    handle: async ({ body, req, res }) => respondWithSession(req, res, await registerUser(deps, body)),
  });

  api.route({
    method: 'post',
    path: '/auth/login',
    tag: 'auth',
    summary: 'Log in with email and password',
    access: 'public',
    body: z.strictObject({ email: emailSchema, password: secretText(1024).min(1) }),
    response: sessionSchema,
    errors: [401, 403, 429],
    handle: async ({ body, req, res }) => respondWithSession(req, res, await logIn(deps, body, req.ip ?? '')),
  });

  api.route({
    method: 'post',
    path: '/auth/refresh',
    tag: 'auth',
    summary: `Rotate the refresh cookie for a new access token (needs header ${CSRF_HEADER}: 1)`,
    access: 'public',
    response: sessionSchema,
    errors: [401, 403],
    handle: async ({ req, res }) => {
      requireCsrfHeader(req);
      try {
        return respondWithSession(req, res, await refreshSession(deps, refreshCookieOf(req)));
      } catch (err) {
        clearCookie(res);
        throw err;
      }
    },
  });

  api.route({
    method: 'post',
    path: '/auth/logout',
    tag: 'auth',
    summary: `End this session (needs header ${CSRF_HEADER}: 1)`,
    access: 'public',
    errors: [403],
    handle: async ({ req, res }) => {
      requireCsrfHeader(req);
      await logOut(deps, refreshCookieOf(req));
      clearCookie(res);
    },
  });

  api.route({
    method: 'post',
    path: '/auth/logout-all',
    tag: 'auth',
    summary: 'End every session of the signed-in user',
    access: 'user',
    handle: async ({ user, res }) => {
      await logOutEverywhere(deps, user.id);
      clearCookie(res);
    },
  });

  api.route({
    method: 'get',
    path: '/.well-known/jwks.json',
    tag: 'auth',
    summary: 'Public keys that verify access tokens',
    access: 'public',
    response: z.object({
      keys: z.array(
        z.object({ kty: z.literal('RSA'), n: z.string(), e: z.string(), kid: z.string(), alg: z.literal('RS256'), use: z.literal('sig') }),
      ),
    }),
    handle: async ({ res }) => {
      res.setHeader('Cache-Control', 'public, max-age=300');
      return deps.tokens.jwks();
    },
  });

  api.route({
    method: 'get',
    path: '/.well-known/revocations.json',
    tag: 'auth',
    summary: 'Accounts suspended in the last minutes: their access tokens issued before then are refused everywhere',
    access: 'public',
    response: z.object({ revoked: z.array(z.object({ userId: z.uuid(), revokedAt: z.iso.datetime() })) }),
    handle: async ({ res }) => {
      res.setHeader('Cache-Control', 'no-store');
      return { revoked: await listRevocations(deps) };
    },
  });
}
