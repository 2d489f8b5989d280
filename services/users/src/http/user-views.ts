// What the API shows of a user, per audience. Response schemas strip every field not listed here.
import { z } from 'zod';
import { text } from '@tutoring-platform/shared';
import type { UserRecord } from '../data/user-repository';

export const accountSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(['student', 'admin']),
    timezone: z.string(),
    bio: z.string(),
    school: z.string().nullable(),
    coursesOfStudy: z.array(z.string()),
    status: z.enum(['active', 'suspended']),
    emailVerified: z.boolean().meta({ description: 'A link sent to the email was followed; booking and tutoring need it.' }),
    twoFactorEnabled: z.boolean().meta({ description: 'Signing in asks for a code from an authenticator app after the password.' }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Account' });

export const adminAccountSchema = accountSchema
  .extend({ suspendedAt: z.iso.datetime().nullable(), suspensionReason: z.string().nullable() })
  .meta({ id: 'AdminAccount' });

export const publicProfileSchema = z
  .object({
    id: z.uuid(),
    displayName: z.string(),
    bio: z.string(),
    school: z.string().nullable(),
    coursesOfStudy: z.array(z.string()),
    timezone: z.string(),
    memberSince: z.iso.datetime(),
  })
  .meta({ id: 'PublicProfile' });

export const accountView = (user: UserRecord) => ({
  ...user,
  createdAt: user.createdAt.toISOString(),
  suspendedAt: user.suspendedAt?.toISOString() ?? null,
});

export const publicProfileView = (user: UserRecord) => ({ ...user, memberSince: user.createdAt.toISOString() });

export const profileFields = {
  displayName: text(80).min(1),
  bio: text(2000, { multiline: true }),
  school: text(120).min(1).nullable(),
  coursesOfStudy: z.array(text(80).min(1)).max(20),
};
