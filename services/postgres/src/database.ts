// PostgreSQL plumbing: credentials (URL locally, Secrets Manager in AWS), pools, per-service schema and role, migrations.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import pg from 'pg';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError, dependencyGuard, translateErrors, type ErrorTranslator } from '@tutoring-platform/shared';

export interface DatabaseSettings {
  DATABASE_URL?: string | undefined;
  DATABASE_SECRET_ARN?: string | undefined;
  DATABASE_SSL: boolean;
  /** PEM certificates to verify the server by (e.g. the RDS CA bundle baked into the image). */
  DATABASE_SSL_CA?: string | undefined;
  DATABASE_POOL_MAX: number;
  /** Longest wait for a pooled connection before the request gets a 503. @default 5000 */
  DATABASE_CONNECT_TIMEOUT_MS?: number | undefined;
  /** The server cancels a statement after this long. @default 10000 */
  DATABASE_STATEMENT_TIMEOUT_MS?: number | undefined;
  /** The client gives up on a query after this long, even when a frozen server cannot cancel it. @default 12000 */
  DATABASE_QUERY_TIMEOUT_MS?: number | undefined;
  /**
   * The server ends a transaction open this long, however many statements it ran, and one left idle inside a
   * transaction (PostgreSQL 17's `transaction_timeout`). @default 15000
   */
  DATABASE_TRANSACTION_TIMEOUT_MS?: number | undefined;
}

/** The JSON shape of an RDS-generated (or rotated) database secret. */
const rdsSecretSchema = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
  host: z.string().min(1),
  port: z.coerce.number().int().positive().default(5432),
  dbname: z.string().min(1).default('postgres'),
});

export async function resolvePoolConfig(settings: DatabaseSettings, secrets?: SecretsManagerClient): Promise<pg.PoolConfig> {
  if (settings.DATABASE_SSL && !settings.DATABASE_SSL_CA) {
    throw new Error('DATABASE_SSL needs DATABASE_SSL_CA: an unverified TLS connection is refused');
  }
  const ssl = settings.DATABASE_SSL && settings.DATABASE_SSL_CA ? { ca: settings.DATABASE_SSL_CA, rejectUnauthorized: true } : undefined;
  const transactionTimeout = settings.DATABASE_TRANSACTION_TIMEOUT_MS ?? 15_000;
  const common: pg.PoolConfig = {
    max: settings.DATABASE_POOL_MAX,
    idleTimeoutMillis: 30_000,
    // all well under the ALB's 60 s idle timeout, so a stalled database answers 503 rather than a dropped connection
    connectionTimeoutMillis: settings.DATABASE_CONNECT_TIMEOUT_MS ?? 5_000,
    statement_timeout: settings.DATABASE_STATEMENT_TIMEOUT_MS ?? 10_000,
    query_timeout: settings.DATABASE_QUERY_TIMEOUT_MS ?? 12_000,
    idle_in_transaction_session_timeout: transactionTimeout,
    options: `-c transaction_timeout=${transactionTimeout}`,
    ...(ssl ? { ssl } : {}),
  };
  if (settings.DATABASE_URL) return { ...common, connectionString: settings.DATABASE_URL };
  if (!settings.DATABASE_SECRET_ARN) throw new Error('no database configured');
  const client = secrets ?? new SecretsManagerClient({});
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: settings.DATABASE_SECRET_ARN }));
  if (!SecretString) throw new Error('the database secret has no SecretString');
  const secret = rdsSecretSchema.parse(JSON.parse(SecretString));
  return { ...common, host: secret.host, port: secret.port, user: secret.username, password: secret.password, database: secret.dbname };
}

/**
 * PostgreSQL errors that mean "busy or unreachable, try again", not a bug: no free connection in time, too many
 * connections, a lock, statement or transaction timeout, a server shutting down or failing over, a broken connection,
 * a serialisation failure or deadlock (the transaction rolled back, so a retry is safe).
 */
const retryableSqlStates = new Set(['53300', '55P03', '57014', '57P01', '57P02', '57P03', '40001', '40P01', '25P03', '25P04']);
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
const poolMessages = /^(timeout exceeded when trying to connect|Connection terminated|Query read timeout)/;

/** The connection failed, or a query on it timed out on the client: what the server did with it is unknown. */
function connectionInDoubt(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = String((err as { code?: unknown }).code ?? '');
  return code.startsWith('08') || networkCodes.has(code) || poolMessages.test(err.message);
}

export const databaseUnavailable: ErrorTranslator = (err) => {
  const retryable = retryableSqlStates.has(String((err as { code?: unknown } | null)?.code)) || connectionInDoubt(err);
  return retryable
    ? new AppError('dependency-unavailable', 503, 'The database is busy or unavailable; try again shortly', undefined, {
        'Retry-After': '1',
      })
    : undefined;
};

/**
 * A pool whose queries and connection checkouts pass a circuit breaker: while the database is down or stalled,
 * requests answer 503 at once instead of each waiting out the timeouts (queries inside a transaction have their
 * own `query_timeout`). A connection that breaks is dropped by the pool and replaced by a new one, which after an
 * RDS failover resolves the endpoint's DNS name to the new primary.
 */
export function createPool(config: pg.PoolConfig, logger: Logger): pg.Pool {
  translateErrors(databaseUnavailable);
  const pool = new pg.Pool(config);
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (err) => logger.warn({ err }, 'idle database client error'));
  const guard = dependencyGuard('database', (err) => databaseUnavailable(err) !== undefined, logger);
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  pool.query = ((...args: unknown[]) => guard(() => query(...args))) as typeof pool.query;
  // pg's own `pool.query` checks out with a callback: that path is guarded above already
  const connect = pool.connect.bind(pool) as (callback?: unknown) => Promise<pg.PoolClient> | undefined;
  pool.connect = ((callback?: unknown) => (callback ? connect(callback) : guard(() => connect()!))) as typeof pool.connect;
  return pool;
}

export const pingDatabase = (pool: pg.Pool) => async (): Promise<void> => {
  await pool.query('SELECT 1');
};

/**
 * Runs the service's SQL migrations in its own schema; node-pg-migrate's advisory lock makes concurrent starts safe.
 * A migration may rightly run for minutes (an index on a big table), so it gets its own connection without the
 * bounds that requests have.
 */
export async function runMigrations(pool: pg.Pool, dir: string, schema: string, logger: Logger): Promise<void> {
  const { runner } = await import('node-pg-migrate');
  const client = new pg.Client({
    ...(pool.options as pg.PoolConfig),
    query_timeout: undefined,
    statement_timeout: undefined,
    idle_in_transaction_session_timeout: undefined,
    options: undefined,
  });
  // a lost connection fails the migration's query; unheard, its 'error' event would end the process
  client.on('error', (err) => logger.warn({ err }, 'migration connection lost'));
  await client.connect();
  try {
    await runner({
      dbClient: client,
      dir,
      direction: 'up',
      migrationsTable: 'pgmigrations',
      schema,
      createSchema: false,
      checkOrder: true,
      log: (msg: string) => logger.debug({ migration: msg }, 'migration'),
    });
  } finally {
    await client.end();
  }
}

export type Queryable = Pick<pg.Pool, 'query'>;

/**
 * Runs `work` in one transaction on one pooled client; rolls back on any error. A connection whose query timed out
 * or broke is in doubt: the server may still be running that query (even a COMMIT that will succeed), and the next
 * query on it would wait behind. It gets no ROLLBACK queued behind that query and goes back to the pool only to be
 * closed.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let discard: Error | undefined;
  // The server may end the session while we hold it (a transaction timeout, a failover): the pool only listens on
  // idle clients, and an 'error' nobody listens to would end the process.
  const broken = (err: Error) => (discard = err);
  client.on('error', broken);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    if (connectionInDoubt(err)) discard = err as Error;
    else await client.query('ROLLBACK').catch((rollbackFailed: Error) => (discard = rollbackFailed));
    throw err;
  } finally {
    client.off('error', broken);
    client.release(discard);
  }
}

export const isUniqueViolation = (err: unknown): boolean => (err as { code?: string } | null)?.code === '23505';
