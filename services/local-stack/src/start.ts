// `npm start`: the whole platform on this machine with no Docker and no system database.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import {
  ConfigError,
  env,
  loadConfig,
  routeFor,
  routeTable,
  startServer,
  stopServer,
  webAppRoute,
  type ServiceRoute,
} from '@tutoring-platform/shared';
import { groupsTableDefinition } from '@tutoring-platform/groups/table';
import { ensureTable, localRegion, startDynamoDbLocal, type RunningDynamoDb } from './dynamodb-local';
import { provisionService, startPostgres, type RunningPostgres } from './embedded-postgres';
import { createGateway } from './gateway';
import { demoAccounts, seedDemoData } from './demo-seed';
import { loadOrCreateSecrets } from './local-secrets';
import { postgresServices } from './postgres-services';
import { startServiceProcess, waitUntilReady, type ServiceProcess } from './service-process';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

const configSchema = z.object({
  LOCAL_DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
  GATEWAY_PORT: env.port(webAppRoute.localPort),
  POSTGRES_PORT: env.port(5433),
  DYNAMODB_PORT: env.port(8000),
  USERS_PORT: env.port(routeFor('users').localPort),
  TUTORING_PORT: env.port(routeFor('tutoring').localPort),
  GROUPS_PORT: env.port(routeFor('groups').localPort),
  LOG_LEVEL: env.logLevel(),
  ADMIN_EMAIL: z.string().email().default('admin@tutoring.local'),
  ADMIN_PASSWORD: z.string().min(8).default('local-admin-only-2026'),
  /** Where the built web app lives (`npm run build` puts it there). */
  WEB_ROOT: z.string().default(path.join(repoRoot, 'frontend', 'dist')),
});
type StackConfig = z.output<typeof configSchema>;

const GROUPS_TABLE = 'tutoring-platform-groups';

interface LocalService {
  route: ServiceRoute;
  port: number;
  entry: string;
  postgres?: { schema: string; role: string; extensions?: readonly string[] } | undefined;
  env: (ctx: { databaseUrl?: string; dynamoDbEndpoint: string }) => NodeJS.ProcessEnv;
}

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
    const services: LocalService[] = [
      {
        route: routeFor('users'),
        port: config.USERS_PORT,
        entry: path.join(repoRoot, 'services', 'users', 'dist', 'index.js'),
        postgres: postgresServices.find((p) => p.service === 'users'),
        env: ({ databaseUrl }) => ({ DATABASE_URL: databaseUrl, ADMIN_EMAIL: config.ADMIN_EMAIL, ADMIN_PASSWORD: config.ADMIN_PASSWORD }),
      },
      {
        route: routeFor('tutoring'),
        port: config.TUTORING_PORT,
        entry: path.join(repoRoot, 'services', 'tutoring', 'dist', 'index.js'),
        postgres: postgresServices.find((p) => p.service === 'tutoring'),
        env: ({ databaseUrl }) => ({
          DATABASE_URL: databaseUrl,
          USERS_API_URL: `http://127.0.0.1:${config.USERS_PORT}${routeFor('users').pathPrefix}`,
          GROUPS_API_URL: `http://127.0.0.1:${config.GROUPS_PORT}${routeFor('groups').pathPrefix}`,
        }),
      },
      {
        route: routeFor('groups'),
        port: config.GROUPS_PORT,
        entry: path.join(repoRoot, 'services', 'groups', 'dist', 'index.js'),
        env: ({ dynamoDbEndpoint }) => ({
          DYNAMODB_ENDPOINT: dynamoDbEndpoint,
          GROUPS_TABLE,
          AWS_REGION: localRegion,
          TUTORING_API_URL: `http://127.0.0.1:${config.TUTORING_PORT}${routeFor('tutoring').pathPrefix}`,
        }),
      },
    ];
    const ports: Array<[number, string]> = [
      [config.GATEWAY_PORT, 'GATEWAY_PORT'],
      [config.POSTGRES_PORT, 'POSTGRES_PORT'],
      [config.DYNAMODB_PORT, 'DYNAMODB_PORT'],
      ...services.map((s): [number, string] => [s.port, `${s.route.service.toUpperCase()}_PORT`]),
    ];
    for (const [port, name] of ports) await assertPortFree(port, name);

    const secrets = loadOrCreateSecrets(
      dataDir,
      services.map((s) => s.route.service),
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
    await ensureTable(dynamoDb.endpoint, groupsTableDefinition(GROUPS_TABLE));

    const jwksUrl = `http://127.0.0.1:${config.USERS_PORT}${routeFor('users').pathPrefix}/.well-known/jwks.json`;
    const running: Array<{ service: LocalService; process: ServiceProcess }> = [];
    for (const service of services) {
      if (!existsSync(service.entry)) {
        log(`skipping ${service.route.service}: ${service.entry} is not built`);
        continue;
      }
      const databaseUrl = service.postgres
        ? await provisionService(postgres, { ...service.postgres, password: secrets.servicePasswords[service.route.service]! })
        : undefined;
      const child = startServiceProcess(
        service.route.service,
        service.entry,
        {
          PATH: process.env.PATH,
          NODE_ENV: 'development',
          HOST: '127.0.0.1',
          PORT: String(service.port),
          LOG_LEVEL: config.LOG_LEVEL,
          SHUTDOWN_DRAIN_DELAY_MS: '0',
          JWKS_URL: jwksUrl,
          JWT_PRIVATE_KEY: secrets.jwtPrivateKey,
          ...service.env({ ...(databaseUrl ? { databaseUrl } : {}), dynamoDbEndpoint: dynamoDb.endpoint }),
        },
        log,
      );
      stops.push(() => child.stop());
      await waitUntilReady(child, `http://127.0.0.1:${service.port}${service.route.readyPath}`);
      running.push({ service, process: child });
    }

    const gateway: Server = await startServer(
      createGateway(
        routeTable.map((route) => ({ route, port: running.find(({ service }) => service.route === route)?.service.port })),
        config.WEB_ROOT,
      ),
      config.GATEWAY_PORT,
      '127.0.0.1',
    );
    stops.push(() => stopServer(gateway, 2_000));
    const gatewayUrl = `http://localhost:${config.GATEWAY_PORT}`;
    const seeded = await seedDemoData(
      gatewayUrl,
      path.join(dataDir, 'demo-seeded'),
      { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD },
      log,
    );

    log(
      [
        '',
        `Study Group & Peer Tutoring Platform is running at ${gatewayUrl}`,
        ...running.map(
          ({ service }) =>
            `  ${service.route.service.padEnd(9)} ${gatewayUrl}${service.route.pathPrefix}  (API docs: ${gatewayUrl}${service.route.pathPrefix}/docs)`,
        ),
        `  data      ${dataDir}`,
        'Accounts:',
        `  admin     ${config.ADMIN_EMAIL} / ${config.ADMIN_PASSWORD}`,
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
