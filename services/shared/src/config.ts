// Typed configuration from environment variables: every service reads process.env only through here.
import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses `env` with `schema`, reporting every invalid or missing key at once. */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
}

/** Environment values are strings: these turn them into the types the code wants. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  int: (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A secret: required, never defaulted. */
  secret: () => z.string().min(1, 'is required'),
};

/** Settings every HTTP service shares. */
export const httpConfigShape = {
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: env.logLevel(),
  RATE_LIMIT_PER_MINUTE: env.int(600, 1),
  BODY_LIMIT: z.string().default('100kb'),
  SHUTDOWN_DRAIN_DELAY_MS: env.int(1000),
  SHUTDOWN_TIMEOUT_MS: env.int(20000, 1),
};

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
