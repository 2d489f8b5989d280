// /me: the signed-in user's own account, profile and password.
import { z } from 'zod';
import { ianaTimeZone, type Api, secretText } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import { changePassword } from '../domain/change-password';
import { confirmEnrolment, RECOVERY_CODE_COUNT, startEnrolment, turnOff } from '../domain/two-factor';
import { getOwnAccount, updateProfile } from '../domain/update-profile';
import { requestEmailChange, resendVerificationLink } from '../domain/verify-email';
import { emailSchema, newPasswordSchema, refreshCookieOf, totpCodeSchema } from './auth-router';
import { accountSchema, accountView, profileFields } from './user-views';

export function meRoutes(api: Api, deps: UsersDependencies): void {
  api.route({
    method: 'get',
    path: '/me',
    operationId: 'getMe',
    description:
      'The signed-in person’s own account: email, role, status, profile fields and time zone. Other people see only the public profile.',
    tag: 'me',
    summary: 'The signed-in account',
    access: 'user',
    response: accountSchema,
    errors: { 404: ['user-not-found'] },
    handle: async ({ user }) => accountView(await getOwnAccount(deps, user.id)),
  });

  api.route({
    method: 'patch',
    path: '/me',
    operationId: 'updateMe',
    description:
      'Changes any of the profile fields and the time zone; fields not sent are kept. The time zone is a canonical IANA name, in which the web app shows every time.',
    tag: 'me',
    summary: 'Change profile fields and time zone',
    access: 'user',
    body: z
      .strictObject({
        displayName: profileFields.displayName,
        bio: profileFields.bio,
        timezone: ianaTimeZone,
        school: profileFields.school,
        coursesOfStudy: profileFields.coursesOfStudy,
      })
      .partial(),
    response: accountSchema,
    errors: { 404: ['user-not-found'] },
    examples: { body: { displayName: 'Ada L.', timezone: 'America/New_York' } },
    handle: async ({ user, body }) => accountView(await updateProfile(deps, user.id, body)),
  });

  api.route({
    method: 'post',
    path: '/me/password',
    operationId: 'changePassword',
    description:
      'Checks the current password (throttled like `logIn`), sets the new one and ends every other session of the account; this one stays signed in.',
    tag: 'me',
    summary: 'Change password; every other session is signed out',
    access: 'user',
    body: z.strictObject({ currentPassword: secretText(1024).min(1), newPassword: newPasswordSchema }),
    errors: { 400: ['weak-password'], 401: ['invalid-credentials'], 404: ['user-not-found'], 429: ['too-many-attempts'] },
    handle: async ({ user, body, req }) => changePassword(deps, user.id, body, refreshCookieOf(req), req.ip ?? ''),
  });

  api.route({
    method: 'post',
    path: '/me/email-verification',
    operationId: 'resendEmailVerification',
    description: 'Emails a new link that confirms the account’s email (at most 3 links a day; an older link keeps working).',
    tag: 'me',
    summary: 'Send the email confirmation link again',
    access: 'user',
    response: z.object({ accepted: z.literal(true) }),
    status: 202,
    errors: { 404: ['user-not-found'], 409: ['email-already-verified'], 429: ['too-many-emails'] },
    handle: async ({ user }) => {
      await resendVerificationLink(deps, user.id);
      return { accepted: true as const };
    },
  });

  api.route({
    method: 'post',
    path: '/me/email',
    operationId: 'requestEmailChange',
    description:
      'Checks the password (throttled like `logIn`) and emails a confirmation link to the new address; the current address is told at once. The account keeps its current email until the link is followed (`verifyEmail`).',
    tag: 'me',
    summary: 'Change email: the new address confirms it first',
    access: 'user',
    body: z.strictObject({ email: emailSchema, password: secretText(1024).min(1) }),
    response: z.object({ pendingEmail: z.string() }),
    status: 202,
    errors: {
      400: ['email-unchanged'],
      401: ['invalid-credentials'],
      404: ['user-not-found'],
      409: ['email-taken'],
      429: ['too-many-attempts', 'too-many-emails'],
    },
    examples: { body: { email: 'ada.lovelace@example.edu', password: 'correct horse battery' } },
    handle: async ({ user, body, req }) => {
      await requestEmailChange(deps, user.id, body, req.ip ?? '');
      return { pendingEmail: body.email };
    },
  });

  api.route({
    method: 'post',
    path: '/me/two-factor',
    operationId: 'startTwoFactorEnrolment',
    description:
      'Makes a new authenticator key, shown as a QR code and as text, which waits for its first code (`confirmTwoFactorEnrolment`). With two-step sign-in already on (a new phone), the session must have been signed in with it.',
    tag: 'me',
    summary: 'Set up two-step sign-in: a key for the authenticator app',
    access: 'user',
    response: z
      .object({
        key: z.string().meta({ description: 'The key as base32 text, to type into an app.' }),
        uri: z.string().meta({ description: 'The otpauth:// URI the QR code holds.' }),
        qrCode: z.string().meta({ description: 'The QR code as an SVG data URL.' }),
      })
      .meta({ id: 'TwoFactorEnrolment' }),
    errors: { 403: ['second-factor-required'], 404: ['user-not-found'] },
    handle: async ({ user }) => startEnrolment(deps, user),
  });

  api.route({
    method: 'post',
    path: '/me/two-factor/confirm',
    operationId: 'confirmTwoFactorEnrolment',
    description: `Checks the first code from the app and turns two-step sign-in on; the next sign-in asks for a code after the password. The answer holds ${RECOVERY_CODE_COUNT} one-time recovery codes, shown this once and stored only as hashes; setting up again replaces them.`,
    tag: 'me',
    summary: 'Turn two-step sign-in on with the first code',
    access: 'user',
    body: z.strictObject({ code: totpCodeSchema }),
    response: z.object({ recoveryCodes: z.array(z.string()) }),
    errors: { 401: ['invalid-code'], 409: ['no-enrolment'] },
    examples: { body: { code: '123456' } },
    handle: async ({ user, body }) => confirmEnrolment(deps, user.id, body.code),
  });

  api.route({
    method: 'delete',
    path: '/me/two-factor',
    operationId: 'turnOffTwoFactor',
    description: 'Turns two-step sign-in off with a current code and drops the recovery codes. Administrators keep it on.',
    tag: 'me',
    summary: 'Turn two-step sign-in off',
    access: 'user',
    body: z.strictObject({ code: totpCodeSchema }),
    errors: { 401: ['invalid-code'], 403: ['second-factor-required'], 404: ['user-not-found'] },
    examples: { body: { code: '123456' } },
    handle: async ({ user, body }) => turnOff(deps, user.id, body.code),
  });
}
