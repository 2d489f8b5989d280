// /me: the signed-in user's own account, profile and password.
import { z } from 'zod';
import { ianaTimeZone, type Api, secretText } from '@tutoring-platform/shared';
import type { UsersDependencies } from '../dependencies';
import { changePassword } from '../domain/change-password';
import { getOwnAccount, updateProfile } from '../domain/update-profile';
import { newPasswordSchema, refreshCookieOf } from './auth-router';
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
}
