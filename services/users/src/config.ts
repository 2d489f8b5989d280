// The users service's configuration: the only place it reads process.env.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { databaseConfigShape, checkDatabaseSettings } from '@tutoring-platform/postgres';
import { env, eventBusConfigShape, httpConfigShape, loadConfig } from '@tutoring-platform/shared';
import { clientSecretVariable, jwt, localApiUrl, serviceClients, services } from '@tutoring-platform/shared/catalog';

const pem = z.string().transform((value, ctx) => {
  try {
    return createPrivateKey(value.replace(/\\n/g, '\n'));
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a PEM-encoded RSA private key' });
    return z.NEVER;
  }
});

/** Only a public key: a retired signing key's private half has no further use and should not be kept anywhere. */
const publicPem = z.string().transform((value, ctx) => {
  const text = value.replace(/\\n/g, '\n');
  try {
    if (/-----BEGIN (RSA )?PUBLIC KEY-----/.test(text)) return createPublicKey(text);
  } catch {
    // reported below
  }
  ctx.addIssue({
    code: 'custom',
    message: 'must be PEM-encoded RSA public keys (a retired private key should be destroyed, not configured)',
  });
  return z.NEVER;
});

/** Each service client's secret, exchanged at `POST /service-tokens` for a service token; read by `clientSecrets`. */
const clientSecretShape: object = Object.fromEntries(
  serviceClients.map((client) => [clientSecretVariable(client), env.secret().pipe(z.string().min(32, 'must be at least 32 characters'))]),
);

const schema = checkDatabaseSettings(
  z.object({
    ...httpConfigShape,
    ...eventBusConfigShape,
    ...databaseConfigShape,
    PORT: env.port(services.users.localPort),
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/)
      .default(services.users.store.schema),
    /** RS256 signing key (PEM). In AWS it is injected from Secrets Manager. */
    JWT_PRIVATE_KEY: env.secret().pipe(pem),
    /** Encrypts the authenticator keys of two-step sign-in at rest (random text). In AWS from Secrets Manager. */
    TOTP_ENCRYPTION_KEY: env.secret().pipe(z.string().min(32, 'must be at least 32 characters')),
    /** Earlier signing keys' public PEMs, still published in the JWKS while their tokens live out (JSON array). */
    JWT_RETIRED_KEYS: z
      .string()
      .default('[]')
      .transform((raw, ctx) => {
        try {
          return z.array(z.string()).parse(JSON.parse(raw));
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be a JSON array of PEM strings' });
          return z.NEVER;
        }
      })
      .pipe(z.array(publicPem)),
    JWT_ISSUER: z.string().min(1).default(jwt.issuer),
    JWT_AUDIENCE: z.string().min(1).default(jwt.audience),
    ACCESS_TOKEN_TTL_SECONDS: env.int(900, 60),
    REFRESH_IDLE_DAYS: env.int(7, 1),
    REFRESH_ABSOLUTE_DAYS: env.int(30, 1),
    /** A spent refresh token gives back the same successor this long (tabs refreshing at once); later it is reuse. */
    REFRESH_GRACE_SECONDS: env.int(20, 0),
    /** argon2id cost; OWASP's minimum is m=19 MiB, t=2, p=1. Tests may lower it here, and only here. */
    PASSWORD_MEMORY_KIB: env.int(19456, 1024),
    PASSWORD_TIME_COST: env.int(2, 1),
    PASSWORD_PARALLELISM: env.int(1, 1),
    LOGIN_MAX_FAILURES: env.int(10, 1),
    /** Failed logins from one client address, over all accounts (credential stuffing); campus NATs share addresses. */
    LOGIN_MAX_FAILURES_PER_CLIENT: env.int(100, 1),
    LOGIN_FAILURE_WINDOW_MINUTES: env.int(15, 1),
    ...clientSecretShape,
    /** The tutoring service's API: its event inbox hears of suspensions. */
    TUTORING_API_URL: z.url().default(localApiUrl('tutoring')),
    /** The notifications service's API: its event inbox keeps whom to write to (accounts, names, zones). */
    NOTIFICATIONS_API_URL: z.url().default(localApiUrl('notifications')),
    /** Outbox delivery: the longest pause between two tries of an event that could not be delivered. */
    OUTBOX_RETRY_MAX_MS: env.int(30_000, 10),
    OUTBOX_POLL_MS: env.int(500, 10),
    ADMIN_EMAIL: z.string().email().optional(),
    ADMIN_PASSWORD: z.string().min(8).optional(),
  }),
).refine((value) => !value.ADMIN_EMAIL === !value.ADMIN_PASSWORD, {
  path: ['ADMIN_PASSWORD'],
  message: 'set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither',
  when: () => true,
});

export type UsersConfig = z.output<typeof schema>;

/** Client name -> secret, from the variables the catalog names. */
export const clientSecrets = (config: UsersConfig): Map<string, string> =>
  new Map(serviceClients.map((client) => [client.name, (config as unknown as Record<string, string>)[clientSecretVariable(client)]!]));

export function loadUsersConfig(source: NodeJS.ProcessEnv = process.env): UsersConfig {
  return loadConfig(schema, source);
}
