// A disposable PostgreSQL with every service's schema, role and migrations: for test runs and benchmarks.
import { chmodSync, mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { createPool, runMigrations } from '@tutoring-platform/postgres';
import { createLogger } from '@tutoring-platform/shared';
import { postgresServices } from '@tutoring-platform/shared/catalog';
import { provisionService, startPostgres, type RunningPostgres } from './embedded-postgres';
import { freePort } from './processes';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** A service's SQL migrations: `migrations/` in its workspace. */
export const migrationsDirOf = (service: { workspace: string }) => path.join(repoRoot, service.workspace, 'migrations');

/** The environment variable through which a test run hands a service its database URL. */
export const testDatabaseUrlVariable = (service: string) => `TEST_DATABASE_URL_${service.toUpperCase()}`;

export interface ThrowawayPostgres {
  postgres: RunningPostgres;
  /** Each service's connection URL, logging in as that service's own role. */
  serviceUrls: Record<string, string>;
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
  const serviceUrls: Record<string, string> = {};
  for (const service of postgresServices) {
    const url = await provisionService(postgres, { ...service.store, password: randomBytes(16).toString('hex') });
    const pool = createPool({ connectionString: url, max: 1 }, logger);
    try {
      await runMigrations(pool, migrationsDirOf(service), service.store.schema, logger);
    } finally {
      await pool.end();
    }
    serviceUrls[service.name] = url;
  }
  return { postgres, serviceUrls };
}
