// Jest globalSetup: one throwaway PostgreSQL for the whole test run, each service with its own schema and role.
// Migrations run here, outside jest's module sandbox (node-pg-migrate is an ES module).
import type { RunningPostgres } from '../embedded-postgres';
import { postgresServices, testDatabaseUrlVariable } from '../postgres-services';
import { startThrowawayPostgres } from '../throwaway-postgres';

declare global {
  var testPostgres: RunningPostgres | undefined;
}

export default async function globalSetup(): Promise<void> {
  const { postgres, serviceUrls } = await startThrowawayPostgres();
  globalThis.testPostgres = postgres;
  process.env.TEST_POSTGRES_ADMIN_URL = postgres.url();
  for (const { service } of postgresServices) process.env[testDatabaseUrlVariable(service)] = serviceUrls[service];
}
