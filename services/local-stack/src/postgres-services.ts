// Which services own a PostgreSQL schema, the login role each one uses and its migrations: for the local stack and test runs.
import path from 'node:path';

export interface PostgresService {
  service: 'users' | 'tutoring';
  schema: string;
  role: string;
  migrationsDir: string;
  /** Extensions the admin installs into the service's schema. */
  extensions: readonly string[];
}

const servicesDir = path.resolve(__dirname, '..', '..');

export const postgresServices: readonly PostgresService[] = [
  {
    service: 'users',
    schema: 'users',
    role: 'users_service',
    migrationsDir: path.join(servicesDir, 'users', 'migrations'),
    extensions: [],
  },
  {
    service: 'tutoring',
    schema: 'tutoring',
    role: 'tutoring_service',
    migrationsDir: path.join(servicesDir, 'tutoring', 'migrations'),
    extensions: ['btree_gist', 'pg_trgm'],
  },
];

/** The environment variable through which a test run hands a service its database URL. */
export const testDatabaseUrlVariable = (service: PostgresService['service']) => `TEST_DATABASE_URL_${service.toUpperCase()}`;
