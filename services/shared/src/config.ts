// Typed configuration from environment variables: every service reads process.env only through here.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const FILE_SUFFIX = '_FILE';

/**
 * `NAME_FILE=/path` stands for `NAME=<the file's content>`, as in the official database images: secrets mounted as
 * files (docker compose) never sit in the environment. A file that cannot be read is a configuration problem.
 */
function withFileValues(source: NodeJS.ProcessEnv): { values: NodeJS.ProcessEnv; problems: string[] } {
  const values = { ...source };
  const problems: string[] = [];
  for (const [key, file] of Object.entries(source)) {
    if (!key.endsWith(FILE_SUFFIX) || !file) continue;
    const name = key.slice(0, -FILE_SUFFIX.length);
    if (source[name] !== undefined) {
      problems.push(`${name}: set either ${name} or ${key}, not both`);
      continue;
    }
    try {
      values[name] = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      problems.push(`${key}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  }
  return { values, problems };
}

/** Parses `env` with `schema`, reporting every invalid or missing key at once. */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const { values, problems } = withFileValues(env);
  const result = schema.safeParse(values);
  if (result.success && problems.length === 0) return result.data;
  throw new ConfigError([
    ...problems,
    ...(result.error?.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`) ?? []),
  ]);
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

/** How long a call to another service (its API, the JWKS, a service token) may take by default. */
export const PEER_TIMEOUT_DEFAULT_MS = 5_000;

/** Settings every HTTP service shares. */
export const httpConfigShape = {
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: env.logLevel(),
  RATE_LIMIT_PER_MINUTE: env.int(600, 1),
  BODY_LIMIT: z.string().default('100kb'),
  SHUTDOWN_DRAIN_DELAY_MS: env.int(1000),
  SHUTDOWN_TIMEOUT_MS: env.int(20000, 1),
  /** How old the copy of the suspended accounts may get before it is loaded again: their tokens stop within about this long. */
  REVOCATION_POLL_MS: env.int(20_000, 100),
  /** The longest wait for another service before the caller answers 503 (well under the ALB's 60 s idle timeout). */
  PEER_TIMEOUT_MS: env.int(PEER_TIMEOUT_DEFAULT_MS, 100),
};
