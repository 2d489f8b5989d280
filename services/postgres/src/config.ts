// Settings every PostgreSQL-backed service shares.
import { z } from 'zod';
import { env } from '@tutoring-platform/shared';

/** Where a PostgreSQL-backed service finds its database: a URL locally, a Secrets Manager secret in AWS. */
export const databaseConfigShape = {
  DATABASE_URL: z.string().url().optional(),
  DATABASE_SECRET_ARN: z.string().startsWith('arn:').optional(),
  DATABASE_SSL: env.bool(false),
  DATABASE_POOL_MAX: env.int(10, 1),
  MIGRATE_ON_START: env.bool(true),
};

type DatabaseSources = { DATABASE_URL?: unknown; DATABASE_SECRET_ARN?: unknown };

/** Exactly one database source. Runs even when other keys failed, so every problem is reported at once. */
export function requireOneDatabaseSource<S extends z.ZodType<DatabaseSources>>(schema: S): S {
  return schema.refine((value) => !value.DATABASE_URL !== !value.DATABASE_SECRET_ARN, {
    path: ['DATABASE_URL'],
    message: 'set exactly one of DATABASE_URL or DATABASE_SECRET_ARN',
    when: () => true,
  });
}
