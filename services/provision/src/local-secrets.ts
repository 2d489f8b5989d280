// Secrets the local stack makes once and keeps under the data directory, so restarts keep sessions and data.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { clientSecretVariable, postgresServices, serviceClients } from '@tutoring-platform/shared/catalog';

const secretsSchema = z.object({
  postgresPassword: z.string(),
  servicePasswords: z.record(z.string(), z.string()),
  jwtPrivateKey: z.string(),
  /** Absent in files written before two-step sign-in. */
  totpEncryptionKey: z.string().optional(),
  /** Each service client's secret by its variable name; absent in files written before there were clients. */
  clientSecrets: z.record(z.string(), z.string()).default({}),
});
export type LocalSecrets = z.infer<typeof secretsSchema>;

const randomPassword = () => randomBytes(24).toString('base64url');

export function generateSigningKey(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

const secretsFile = (dataDir: string) => path.join(dataDir, 'local-secrets.json');

/** The secrets made earlier; fails when there are none yet. */
export function readSecrets(dataDir: string): LocalSecrets {
  return secretsSchema.parse(JSON.parse(readFileSync(secretsFile(dataDir), 'utf8')));
}

export function loadOrCreateSecrets(dataDir: string, services: string[]): LocalSecrets {
  const file = secretsFile(dataDir);
  const existing = existsSync(file) ? readSecrets(dataDir) : undefined;
  const secrets: LocalSecrets = existing ?? {
    postgresPassword: randomPassword(),
    servicePasswords: {},
    jwtPrivateKey: generateSigningKey(),
    clientSecrets: {},
  };
  for (const service of services) secrets.servicePasswords[service] ??= randomPassword();
  for (const client of serviceClients) secrets.clientSecrets[clientSecretVariable(client)] ??= randomPassword();
  secrets.totpEncryptionKey ??= randomBytes(32).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** The secrets the catalog names (`secretsOf`), by variable name. */
export const secretValues = (secrets: LocalSecrets): Record<string, string> => ({
  JWT_PRIVATE_KEY: secrets.jwtPrivateKey,
  TOTP_ENCRYPTION_KEY: secrets.totpEncryptionKey ?? '',
  ...secrets.clientSecrets,
});

/** The file a secret variable is mounted from for containers: `JWT_PRIVATE_KEY` -> `jwt-private-key`. */
export const secretFileName = (variable: string): string => variable.toLowerCase().replaceAll('_', '-');

/** A PostgreSQL service's connection URL: its own role on the platform database. */
export const serviceDatabaseUrl = (host: string, port: number, role: string, password: string, database: string) =>
  `postgres://${encodeURIComponent(role)}:${encodeURIComponent(password)}@${host}:${port}/${database}`;

/**
 * One file per secret, for containers that read `<NAME>_FILE`: the admin password (for the database container),
 * the JWT signing key, the service clients' secrets and each PostgreSQL service's database URL. Only the database's own password is world-readable:
 * the official postgres image reads it as its `postgres` user.
 */
export function writeSecretFiles(dir: string, secrets: LocalSecrets, database: { host: string; port: number; name: string }): void {
  mkdirSync(dir, { recursive: true });
  // a read-only file cannot be rewritten in place, even by its owner
  const write = (name: string, content: string, mode: number) => {
    rmSync(path.join(dir, name), { force: true });
    writeFileSync(path.join(dir, name), content, { mode });
  };
  write('postgres-password', secrets.postgresPassword, 0o444);
  for (const [variable, value] of Object.entries(secretValues(secrets))) write(secretFileName(variable), value, 0o400);
  for (const service of postgresServices) {
    const url = serviceDatabaseUrl(
      database.host,
      database.port,
      service.store.role,
      secrets.servicePasswords[service.name]!,
      database.name,
    );
    write(`${service.name}-database-url`, url, 0o400);
  }
}
