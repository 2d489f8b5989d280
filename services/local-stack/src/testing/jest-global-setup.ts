// Jest globalSetup: one throwaway PostgreSQL for the whole test run, each service with its own schema and role.
import { mkdtempSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createLogger, createPool, runMigrations } from '@tutoring-platform/shared';
import { provisionService, startPostgres, type RunningPostgres } from '../embedded-postgres';
import { postgresServices, testDatabaseUrlVariable } from '../postgres-services';

declare global {
  var testPostgres: RunningPostgres | undefined;
}

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

export default async function globalSetup(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tp-test-'));
  chmodSync(root, 0o755);
  const postgres = await startPostgres({
    dataDir: path.join(root, 'postgres'),
    port: await freePort(),
    adminPassword: randomBytes(16).toString('hex'),
    persistent: false,
    unsafeFast: true,
  });
  globalThis.testPostgres = postgres;
  process.env.TEST_POSTGRES_ADMIN_URL = postgres.url();
  for (const service of postgresServices) {
    const url = await provisionService(postgres, { schema: service.schema, role: service.role, password: randomBytes(16).toString('hex') });
    process.env[testDatabaseUrlVariable(service.service)] = url;
    // Migrations run here, outside jest's module sandbox, as the service's own role.
    const pool = createPool({ connectionString: url, max: 1 }, createLogger('test-setup', 'warn'));
    try {
      await runMigrations(pool, service.migrationsDir, service.schema, createLogger('test-setup', 'warn'));
    } finally {
      await pool.end();
    }
  }
}
