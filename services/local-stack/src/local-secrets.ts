// Secrets the local stack makes once and keeps under the data directory, so restarts keep sessions and data.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const secretsSchema = z.object({
  postgresPassword: z.string(),
  servicePasswords: z.record(z.string(), z.string()),
  jwtPrivateKey: z.string(),
});
export type LocalSecrets = z.infer<typeof secretsSchema>;

const randomPassword = () => randomBytes(24).toString('base64url');

export function generateSigningKey(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function loadOrCreateSecrets(dataDir: string, services: string[]): LocalSecrets {
  const file = path.join(dataDir, 'local-secrets.json');
  const existing = existsSync(file) ? secretsSchema.parse(JSON.parse(readFileSync(file, 'utf8'))) : undefined;
  const secrets: LocalSecrets = existing ?? {
    postgresPassword: randomPassword(),
    servicePasswords: {},
    jwtPrivateKey: generateSigningKey(),
  };
  for (const service of services) secrets.servicePasswords[service] ??= randomPassword();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
