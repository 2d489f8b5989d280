// PostgreSQL as a service's store at boot: a pool from the configured credentials, the service's migrations applied.
import type pg from 'pg';
import type { Logger, OpenedStore, ServiceConfig } from '@tutoring-platform/shared';
import { createPool, pingDatabase, resolvePoolConfig, runMigrations, type DatabaseSettings } from './database';

export interface PostgresServiceConfig extends ServiceConfig, DatabaseSettings {
  MIGRATE_ON_START: boolean;
  DATABASE_SCHEMA: string;
}

/** PostgreSQL as a store: a pool from the configured credentials; preparing it applies the service's migrations. */
export function openPostgres(migrationsDir: string) {
  return async (config: PostgresServiceConfig, logger: Logger): Promise<OpenedStore<pg.Pool>> => {
    const pool = createPool(await resolvePoolConfig(config), logger);
    return {
      store: pool,
      prepare: async () => {
        if (config.MIGRATE_ON_START) await runMigrations(pool, migrationsDir, config.DATABASE_SCHEMA, logger);
        else await pingDatabase(pool)();
      },
      readiness: { database: pingDatabase(pool) },
      close: () => pool.end(),
    };
  };
}
