// Provisioning in AWS, run as a one-off ECS task on every deploy of the services stack: each PostgreSQL service's
// role and schema from the catalog with the password in its own (rotated) secret, and the JWT signing key generated
// into its secret the first time. Idempotent: a second run changes nothing but the roles' passwords to the
// secrets' current ones.
import { createPrivateKey } from 'node:crypto';
import { GetSecretValueCommand, PutSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import pg from 'pg';
import { z } from 'zod';
import { resolvePoolConfig } from '@tutoring-platform/postgres';
import { postgresServices } from '@tutoring-platform/shared/catalog';
import { generateSigningKey } from './local-secrets';
import { provisionServiceSchema } from './postgres-schemas';

export interface AwsProvisioningSettings {
  /** The master credentials (RDS-generated JSON: username, password, host, port, dbname). */
  masterSecretArn: string;
  /** Each PostgreSQL service's secret by service name: its role's password lives there. */
  serviceSecretArns: Record<string, string>;
  signingKeySecretArn: string;
  /** TLS to the database (always in AWS). */
  ssl: boolean;
  /** PEM bundle to verify the database's certificate (the RDS CA bundle in the image). */
  /** PEM certificates to verify the database by. */
  sslCa: string | undefined;
}

const serviceSecretSchema = z.object({ username: z.string().min(1), password: z.string().min(1) });

async function secretString(secrets: SecretsManagerClient, arn: string): Promise<string | undefined> {
  return (await secrets.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;
}

const isPrivateKey = (value: string | undefined) => {
  try {
    return value !== undefined && createPrivateKey(value).asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
};

export async function provisionAws(
  settings: AwsProvisioningSettings,
  secrets: SecretsManagerClient,
  log: (line: string) => void,
): Promise<void> {
  const config = await resolvePoolConfig(
    {
      DATABASE_SECRET_ARN: settings.masterSecretArn,
      DATABASE_SSL: settings.ssl,
      DATABASE_SSL_CA: settings.sslCa,
      DATABASE_POOL_MAX: 1,
    },
    secrets,
  );
  const admin = new pg.Client(config);
  await admin.connect();
  try {
    for (const service of postgresServices) {
      const arn = settings.serviceSecretArns[service.name];
      if (!arn) throw new Error(`no secret for the ${service.name} service`);
      const credentials = serviceSecretSchema.parse(JSON.parse((await secretString(secrets, arn)) ?? '{}'));
      if (credentials.username !== service.store.role)
        throw new Error(`${service.name}'s secret names ${credentials.username}, the catalog ${service.store.role}`);
      await provisionServiceSchema(admin, { ...service.store, password: credentials.password });
      log(`${service.name}: role ${service.store.role} and schema ${service.store.schema} provisioned`);
    }
  } finally {
    await admin.end();
  }
  if (!isPrivateKey(await secretString(secrets, settings.signingKeySecretArn))) {
    await secrets.send(new PutSecretValueCommand({ SecretId: settings.signingKeySecretArn, SecretString: generateSigningKey() }));
    log('JWT signing key generated');
  }
}
