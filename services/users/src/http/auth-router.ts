// /auth/*: register, log in, refresh and log out; refresh tokens travel only in an httpOnly cookie.
import { parse as parseCookies } from 'cookie';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ianaTimeZone, type Api, type RequestHeader, secretText } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import { logIn, type SecondStepChallenge } from '../domain/log-in';
import { logOut, logOutEverywhere } from '../domain/log-out';
import { listRevocations } from '../domain/moderate-users';
import { refreshSession } from '../domain/refresh-session';
import { registerUser } from '../domain/register-user';
import { requestPasswordReset, resetPassword, RESET_VALID_MINUTES } from '../domain/reset-password';
import { secretTokenPattern } from '../domain/secret-tokens';
import type { IssuedSession } from '../domain/sessions';
import { completeSecondStep, MAX_CODES_PER_CHALLENGE } from '../domain/two-factor';
import { verifyEmail, VERIFICATION_VALID_HOURS } from '../domain/verify-email';
import { accountSchema, accountView, profileFields } from './user-views';

export const REFRESH_COOKIE = 'refresh_token';
/** Cookie-authenticated endpoints demand this header: a cross-site form cannot set it. */
export const CSRF_HEADER = 'x-csrf-protection';

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
export const newPasswordSchema = secretText(128).min(8, 'must be at least 8 characters');

const sessionSchema = z
  .object({ user: accountSchema, accessToken: z.string(), tokenType: z.literal('Bearer'), expiresIn: z.number().int() })
  .meta({ id: 'Session' });

/** Six digits from an authenticator app. */
export const totpCodeSchema = z.string().regex(/^\d{6}$/, 'is six digits from your authenticator app');
const secretToken = (what: string) => z.string().regex(secretTokenPattern, `is not ${what}`);

const challengeSchema = z
  .object({
    secondFactorRequired: z.literal(true),
    challenge: z.string().meta({ description: 'Send it with a code to `POST /auth/login/second-step`.' }),
    expiresIn: z.number().int(),
  })
  .meta({ id: 'SecondStepChallenge' });

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
      'Starts a session like `register`. For an account with two-step sign-in the answer is instead a `SecondStepChallenge`: send it with a code from the authenticator app to `POST /auth/login/second-step`. Repeated failures for one email or address are throttled with `too-many-attempts` and `details.retryAfterSeconds`; a suspended account answers `account-suspended`.',
    access: 'public',
    body: z.strictObject({ email: emailSchema, password: secretText(1024).min(1) }),
    response: z.union([sessionSchema, challengeSchema]),
    errors: { 401: ['invalid-credentials'], 403: ['account-suspended'], 429: ['too-many-attempts'] },
    examples: { body: { email: 'ada@example.edu', password: 'correct horse battery' } },
    handle: async ({ body, req, res }) => {
      const outcome = await logIn(deps, body, req.ip ?? '');
      if ('challenge' in outcome) return { secondFactorRequired: true as const, ...(outcome satisfies SecondStepChallenge) };
      return respondWithSession(req, res, outcome);
    },
  });

  api.route({
    method: 'post',
    path: '/auth/login/second-step',
    tag: 'auth',
    operationId: 'logInSecondStep',
    summary: 'Finish a sign-in with a code from the authenticator app or a recovery code',
    description: `Answers the challenge that \`logIn\` gave for an account with two-step sign-in, with either the current six-digit \`code\` (each works once) or one unused \`recoveryCode\`, and starts the session like \`logIn\`; its access token says \`amr: ["pwd", "otp"]\`, which administrators need. After ${MAX_CODES_PER_CHALLENGE} wrong codes, or 5 minutes, the challenge answers \`sign-in-expired\` and the password must be given again; wrong codes also count towards the account's \`too-many-attempts\`.`,
    access: 'public',
    body: z.union([
      z.strictObject({ challenge: secretToken('a sign-in challenge'), code: totpCodeSchema }),
      z.strictObject({
        challenge: secretToken('a sign-in challenge'),
        recoveryCode: z.string().regex(/^[a-z2-7]{4}(-?[a-z2-7]{4}){3}$/i, 'is not a recovery code'),
      }),
    ]),
    response: sessionSchema,
    errors: { 401: ['invalid-code', 'sign-in-expired'], 403: ['account-suspended'], 429: ['too-many-attempts'] },
    examples: { body: { challenge: 'Qm9vay1hLXNlc3Npb24tbm93LWJlZm9yZS10aGUtZXh', code: '123456' } },
    handle: async ({ body, req, res }) => respondWithSession(req, res, await completeSecondStep(deps, body, req.ip ?? '')),
  });

  api.route({
    method: 'post',
    path: '/auth/email-verification/complete',
    operationId: 'verifyEmail',
    tag: 'auth',
    summary: 'Confirm an email address with an emailed link',
    description: `Confirms the address the link was sent to, good once for ${VERIFICATION_VALID_HOURS} hours: at sign-up the account's own email, after \`requestEmailChange\` the new one, which becomes the account's email only now. Booking a tutor and tutoring need a confirmed email; a signed-in app refreshes its session afterwards to carry \`email_verified\`. A token that is unknown, used or expired answers \`verification-link-invalid\`.`,
    access: 'public',
    body: z.strictObject({ token: secretToken('a verification token') }),
    response: z.object({ email: z.string() }),
    errors: { 400: ['verification-link-invalid'], 404: ['user-not-found'], 409: ['email-taken'] },
    handle: async ({ body }) => ({ email: (await verifyEmail(deps, body.token)).email }),
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
    body: z.strictObject({ token: secretToken('a reset token'), password: newPasswordSchema }),
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
