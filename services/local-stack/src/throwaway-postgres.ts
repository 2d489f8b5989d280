// A disposable PostgreSQL with every service's schema, role and migrations: for test runs and benchmarks.
import { chmodSync, mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createLogger, createPool, runMigrations } from '@tutoring-platform/shared';
import { provisionService, startPostgres, type RunningPostgres } from './embedded-postgres';
import { postgresServices, type PostgresService } from './postgres-services';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
  });
}

export interface ThrowawayPostgres {
  postgres: RunningPostgres;
  /** Each service's connection URL, logging in as that service's own role. */
  serviceUrls: Record<PostgresService['service'], string>;
}

/** Fast (fsync off) and deleted on stop. Migrations run as each service's own role, as in production. */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tp-pg-'));
  chmodSync(root, 0o755);
  const postgres = await startPostgres({
    dataDir: path.join(root, 'postgres'),
    port: await freePort(),
    adminPassword: randomBytes(16).toString('hex'),
    persistent: false,
    unsafeFast: true,
  });
  const logger = createLogger('throwaway-postgres', 'warn');
  const serviceUrls = {} as Record<PostgresService['service'], string>;
  for (const service of postgresServices) {
    const url = await provisionService(postgres, { ...service, password: randomBytes(16).toString('hex') });
    const pool = createPool({ connectionString: url, max: 1 }, logger);
    try {
      await runMigrations(pool, service.migrationsDir, service.schema, logger);
    } finally {
      await pool.end();
    }
    serviceUrls[service.service] = url;
  }
  return { postgres, serviceUrls };
}
