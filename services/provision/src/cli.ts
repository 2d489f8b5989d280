// The compose one-shot containers: `secrets` (generate the local secrets once), `stores` (each service's role,
// schema and extensions, and the DynamoDB tables, from the catalog), `seed` (the demo data of a first start);
// `object-store` (the S3-compatible server, running until stopped, with the catalog's buckets); `mail-server` (the
// development mail server: SMTP in, a web inbox out, running until stopped); and `aws`, the one-off provisioning task in AWS (roles and schemas from the services' secrets, the signing key).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import pg from 'pg';
import { z } from 'zod';
import { caCertificates } from '@tutoring-platform/postgres';
import { ConfigError, env, loadConfig } from '@tutoring-platform/shared';
import { apiServices } from '@tutoring-platform/shared/catalog';
import { provisionAws } from './aws-provisioning';
import { adminKeyFile, seedDemoData } from './demo-seed';
import { ensureCatalogTables, localDynamoDbClient } from './dynamodb-tables';
import { loadOrCreateSecrets, readSecrets, writeSecretFiles } from './local-secrets';
import { startMailServer } from './mail-server';
import { localBuckets, startObjectStore } from './object-store';
import { provisionPostgresServices } from './postgres-schemas';

const configSchema = z.object({
  /** The local state volume: generated secrets and the first-start marker. */
  LOCAL_STATE_DIR: z.string().default('/var/lib/platform-local'),
  POSTGRES_HOST: z.string().default('postgres'),
  POSTGRES_PORT: env.port(5432),
  POSTGRES_DB: z.string().default('platform'),
  POSTGRES_USER: z.string().default('postgres'),
  DYNAMODB_ENDPOINT: z.string().url().default('http://dynamodb:8000'),
  GATEWAY_URL: z.string().url().default('http://gateway:8080'),
  /** `seed` only: the development mail server's web API, where the demo accounts' confirmation links arrive. */
  MAIL_WEB_URL: z.string().url().default('http://mail:1080'),
  /** `object-store` only: where it listens and keeps the objects. */
  OBJECT_STORE_PORT: env.port(4568),
  OBJECT_STORE_DIR: z.string().default('/var/lib/platform-objects'),
  /** `mail-server` only: its SMTP and web ports and where it keeps the mail. */
  MAIL_SMTP_PORT: env.port(1025),
  MAIL_WEB_PORT: env.port(1080),
  MAIL_DIR: z.string().default('/var/lib/platform-mail'),
  ADMIN_EMAIL: z.string().email().default('admin@tutoring.local'),
  ADMIN_PASSWORD: z.string().min(8).default('local-admin-only-2026'),
  /** `aws` only: the secrets the one-off provisioning task works from. */
  MASTER_SECRET_ARN: z.string().startsWith('arn:').optional(),
  SERVICE_SECRET_ARNS: z
    .string()
    .default('{}')
    .transform((raw, ctx) => {
      try {
        return z.record(z.string(), z.string().startsWith('arn:')).parse(JSON.parse(raw));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object of service name -> secret ARN' });
        return z.NEVER;
      }
    }),
  SIGNING_KEY_SECRET_ARN: z.string().startsWith('arn:').optional(),
  DATABASE_SSL: env.bool(true),
  /** From DATABASE_SSL_CA_FILE in AWS: the RDS CA bundle in the image. */
  DATABASE_SSL_CA: caCertificates.optional(),
});
type Config = z.output<typeof configSchema>;

const secretsDir = (config: Config) => path.join(config.LOCAL_STATE_DIR, 'secrets');
const log = (line: string) => console.log(line);

/** Retries `step` for up to a minute: the stores may still be starting when compose runs this. */
async function patiently<T>(what: string, step: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await step();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      log(`${what}: not answering yet (${err instanceof Error ? err.message : String(err)}); retrying`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}

const commands: Record<string, (config: Config) => Promise<void>> = {
  async secrets(config) {
    const secrets = loadOrCreateSecrets(
      config.LOCAL_STATE_DIR,
      apiServices.map((s) => s.name),
    );
    writeSecretFiles(secretsDir(config), secrets, { host: config.POSTGRES_HOST, port: config.POSTGRES_PORT, name: config.POSTGRES_DB });
    log(`local secrets ready in ${secretsDir(config)}`);
  },
  async stores(config) {
    const secrets = readSecrets(config.LOCAL_STATE_DIR);
    await patiently('PostgreSQL', async () => {
      const admin = new pg.Client({
        host: config.POSTGRES_HOST,
        port: config.POSTGRES_PORT,
        user: config.POSTGRES_USER,
        password: secrets.postgresPassword,
        database: config.POSTGRES_DB,
      });
      await admin.connect();
      try {
        await provisionPostgresServices(admin, secrets.servicePasswords);
      } finally {
        await admin.end();
      }
    });
    const dynamoDb = localDynamoDbClient(config.DYNAMODB_ENDPOINT);
    try {
      await patiently('DynamoDB', () => ensureCatalogTables(dynamoDb));
    } finally {
      dynamoDb.destroy();
    }
    log('stores provisioned: every service has its role and schema, every table exists');
  },
  async aws(config) {
    if (!config.MASTER_SECRET_ARN || !config.SIGNING_KEY_SECRET_ARN) throw new Error('set MASTER_SECRET_ARN and SIGNING_KEY_SECRET_ARN');
    await provisionAws(
      {
        masterSecretArn: config.MASTER_SECRET_ARN,
        serviceSecretArns: config.SERVICE_SECRET_ARNS,
        signingKeySecretArn: config.SIGNING_KEY_SECRET_ARN,
        ssl: config.DATABASE_SSL,
        sslCa: config.DATABASE_SSL_CA,
      },
      new SecretsManagerClient({}),
      log,
    );
  },
  async 'object-store'(config) {
    const store = await startObjectStore({
      port: config.OBJECT_STORE_PORT,
      address: '0.0.0.0',
      dataDir: config.OBJECT_STORE_DIR,
      buckets: localBuckets(),
    });
    log(`object store (S3 API) listening on port ${config.OBJECT_STORE_PORT}, buckets ${localBuckets().join(', ')}`);
    const stop = () => void store.stop().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  },
  async 'mail-server'(config) {
    const mail = await startMailServer({
      smtpPort: config.MAIL_SMTP_PORT,
      webPort: config.MAIL_WEB_PORT,
      address: '0.0.0.0',
      dataDir: config.MAIL_DIR,
    });
    log(`mail server: SMTP on port ${config.MAIL_SMTP_PORT}, web inbox on port ${config.MAIL_WEB_PORT}`);
    const stop = () => void mail.stop().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  },
  async seed(config) {
    const seeded = await seedDemoData(
      { gateway: config.GATEWAY_URL, mailWeb: config.MAIL_WEB_URL },
      { marker: path.join(config.LOCAL_STATE_DIR, 'demo-seeded'), adminKey: path.join(config.LOCAL_STATE_DIR, adminKeyFile) },
      { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD },
      log,
    );
    log(seeded ? 'demo data created' : 'demo data was created on an earlier start');
    log(`the administrator's authenticator key: ${readFileSync(path.join(config.LOCAL_STATE_DIR, adminKeyFile), 'utf8').trim()}`);
  },
};

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  const command = commands[name];
  if (!command) {
    console.error(`usage: provision <${Object.keys(commands).join('|')}>`);
    process.exit(2);
  }
  let config: Config;
  try {
    config = loadConfig(configSchema);
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
  await command(config);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
