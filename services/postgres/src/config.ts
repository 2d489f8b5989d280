// Settings every PostgreSQL-backed service shares.
import { z } from 'zod';
import { env } from '@tutoring-platform/shared';

/**
 * The certificate authorities to verify the database server by, as PEM. Given as DATABASE_SSL_CA_FILE (the config's
 * NAME_FILE convention): in AWS the RDS CA bundle baked into the image at build time.
 */
export const caCertificates = z
  .string()
  .refine((pem) => pem.includes('-----BEGIN CERTIFICATE-----'), { message: 'must hold PEM certificates (the RDS CA bundle in AWS)' });

/** Where a PostgreSQL-backed service finds its database: a URL locally, a Secrets Manager secret in AWS. */
export const databaseConfigShape = {
  DATABASE_URL: z.string().url().optional(),
  DATABASE_SECRET_ARN: z.string().startsWith('arn:').optional(),
  /** TLS to the database, always verified: it needs DATABASE_SSL_CA (or DATABASE_SSL_CA_FILE). */
  DATABASE_SSL: env.bool(false),
  DATABASE_SSL_CA: caCertificates.optional(),
  DATABASE_POOL_MAX: env.int(10, 1),
  /** Bounds on waiting for the database; see `resolvePoolConfig` for what each is and its default. */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(50).optional(),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).optional(),
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).optional(),
  DATABASE_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).optional(),
  MIGRATE_ON_START: env.bool(true),
};

type DatabaseSources = { DATABASE_URL?: unknown; DATABASE_SECRET_ARN?: unknown; DATABASE_SSL?: unknown; DATABASE_SSL_CA?: unknown };

/**
 * Exactly one database source, and TLS only with a CA to verify the server by (never an unverified connection).
 * Runs even when other keys failed, so every problem is reported at once.
 */
export function checkDatabaseSettings<S extends z.ZodType<DatabaseSources>>(schema: S): S {
  return schema
    .refine((value) => !value.DATABASE_URL !== !value.DATABASE_SECRET_ARN, {
      path: ['DATABASE_URL'],
      message: 'set exactly one of DATABASE_URL or DATABASE_SECRET_ARN',
      when: () => true,
    })
    .refine((value) => value.DATABASE_SSL !== true || Boolean(value.DATABASE_SSL_CA), {
      path: ['DATABASE_SSL_CA'],
      message: 'DATABASE_SSL=true needs the certificate authorities to verify the server by (DATABASE_SSL_CA_FILE)',
      // certificates that are there but invalid are already listed under their own name
      when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === 'DATABASE_SSL_CA'),
    });
}
