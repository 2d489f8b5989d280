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
    tag: 'me',
    summary: 'The signed-in account',
    access: 'user',
    response: accountSchema,
    errors: [404],
    handle: async ({ user }) => accountView(await getOwnAccount(deps, user.id)),
  });

  api.route({
    method: 'patch',
    path: '/me',
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
    errors: [404],
    handle: async ({ user, body }) => accountView(await updateProfile(deps, user.id, body)),
  });

  api.route({
    method: 'post',
    path: '/me/password',
    tag: 'me',
    summary: 'Change password; every other session is signed out',
    access: 'user',
    body: z.strictObject({ currentPassword: secretText(1024).min(1), newPassword: newPasswordSchema }),
    errors: [401, 404, 429],
    handle: async ({ user, body, req }) => changePassword(deps, user.id, body, refreshCookieOf(req), req.ip ?? ''),
  });
}
