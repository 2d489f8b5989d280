// /auth/*: register, log in, refresh and log out; refresh tokens travel only in an httpOnly cookie.
import { parse as parseCookies } from 'cookie';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ianaTimeZone, type Api, type RequestHeader, secretText } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import { logIn } from '../domain/log-in';
import { logOut, logOutEverywhere } from '../domain/log-out';
import { listRevocations } from '../domain/moderate-users';
import { refreshSession } from '../domain/refresh-session';
import { registerUser } from '../domain/register-user';
import { requestPasswordReset, resetPassword, RESET_VALID_MINUTES } from '../domain/reset-password';
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

const csrfHeader = {
  csrf: {
    name: CSRF_HEADER,
    description: 'Must be `1`. A cross-site form cannot set it, so a request that has it comes from a script of this site.',
    schema: z.literal('1'),
    invalid: { code: 'csrf-header-missing', status: 403, message: `This request needs the header ${CSRF_HEADER}: 1` },
  },
} satisfies Record<string, RequestHeader>;

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
    operationId: 'register',
    tag: 'auth',
    summary: 'Create an account and start a session',
    description:
      'Creates a student account (anyone can later apply to tutor) and signs it in: the answer carries an access token, and the refresh token is set as an httpOnly cookie scoped to `/api/users/auth`.',
    access: 'public',
    body: z.strictObject({
      email: emailSchema,
      password: newPasswordSchema,
      displayName: profileFields.displayName,
      timezone: ianaTimeZone,
    }),
    response: sessionSchema,
    status: 201,
    errors: { 400: ['weak-password'], 409: ['email-taken'] },
    examples: {
      body: { email: 'ada@example.edu', password: 'correct horse battery', displayName: 'Ada L.', timezone: 'Europe/London' },
    },
    handle: async ({ body, req, res }) => respondWithSession(req, res, await registerUser(deps, body)),
  });

  api.route({
    method: 'post',
    path: '/auth/login',
    tag: 'auth',
    operationId: 'logIn',
    summary: 'Log in with email and password',
    description:
      'Starts a session like `register`. Repeated failures for one email or address are throttled with `too-many-attempts` and `details.retryAfterSeconds`; a suspended account answers `account-suspended`.',
    access: 'public',
    body: z.strictObject({ email: emailSchema, password: secretText(1024).min(1) }),
    response: sessionSchema,
    errors: { 401: ['invalid-credentials'], 403: ['account-suspended'], 429: ['too-many-attempts'] },
    examples: { body: { email: 'ada@example.edu', password: 'correct horse battery' } },
    handle: async ({ body, req, res }) => respondWithSession(req, res, await logIn(deps, body, req.ip ?? '')),
  });

  api.route({
    method: 'post',
    path: '/auth/password-reset',
    operationId: 'requestPasswordReset',
    tag: 'auth',
    summary: 'Email a link to set a new password',
    description: `If an active account has this email, a link to set a new password is emailed to it, good once for ${RESET_VALID_MINUTES} minutes (at most 3 in that time). The answer, and about its time, is the same whether or not the email exists.`,
    access: 'public',
    body: z.strictObject({ email: emailSchema }),
    response: z.object({ accepted: z.literal(true) }),
    status: 202,
    examples: { body: { email: 'ada@example.edu' } },
    handle: async ({ body }) => {
      await requestPasswordReset(deps, body.email);
      return { accepted: true as const };
    },
  });

  api.route({
    method: 'post',
    path: '/auth/password-reset/complete',
    operationId: 'resetPassword',
    tag: 'auth',
    summary: 'Set a new password with an emailed link',
    description:
      'Sets the new password with the token from the emailed link and ends every session of the account. A token that is unknown, used or expired answers `reset-link-invalid`.',
    access: 'public',
    body: z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a reset token'), password: newPasswordSchema }),
    errors: { 400: ['weak-password', 'reset-link-invalid'] },
    handle: async ({ body }) => resetPassword(deps, body.token, body.password),
  });

  api.route({
    method: 'post',
    path: '/auth/refresh',
    tag: 'auth',
    operationId: 'refreshSession',
    summary: 'Exchange the refresh cookie for a new access token',
    description:
      'Rotates the refresh cookie: each refresh token works once. Presenting one that was already used ends the whole session family (`refresh-token-reused`), since it was likely stolen. Any failure also clears the cookie.',
    access: 'public',
    headers: csrfHeader,
    response: sessionSchema,
    errors: {
      401: ['refresh-token-missing', 'invalid-refresh-token', 'refresh-token-reused', 'session-ended', 'session-expired'],
      403: ['account-suspended'],
    },
    handle: async ({ req, res }) => {
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
    operationId: 'logOut',
    summary: 'End this session',
    description:
      'Revokes the refresh token in the cookie, if any, and clears the cookie. Access tokens already issued expire on their own.',
    access: 'public',
    headers: csrfHeader,
    handle: async ({ req, res }) => {
      await logOut(deps, refreshCookieOf(req));
      clearCookie(res);
    },
  });

  api.route({
    method: 'post',
    path: '/auth/logout-all',
    tag: 'auth',
    operationId: 'logOutEverywhere',
    summary: 'End every session of the signed-in user',
    description: 'Revokes every refresh token of the account, on every device, and clears this device’s cookie.',
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
    operationId: 'getJwks',
    summary: 'Public keys that verify access tokens',
    description:
      'The JSON Web Key Set of the RS256 keys that sign access tokens, the current one and any still in rotation. Match a token’s `kid`; cache for up to 5 minutes.',
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
    operationId: 'listRevocations',
    summary: 'Accounts whose access tokens were recently revoked',
    description:
      'Accounts suspended within an access token’s lifetime. A service that verifies tokens refuses those issued to them before `revokedAt`; poll it, never cache it.',
    access: 'public',
    response: z.object({ revoked: z.array(z.object({ userId: z.uuid(), revokedAt: z.iso.datetime() })) }),
    handle: async ({ res }) => {
      res.setHeader('Cache-Control', 'no-store');
      return { revoked: await listRevocations(deps) };
    },
  });
}
