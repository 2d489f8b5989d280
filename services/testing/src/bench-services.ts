// The platform's own services as the benchmarks run them: built processes on free ports, and accounts to call as.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { generateSigningKey } from '@tutoring-platform/provision';
import { clientSecretVariable, serviceClients } from '@tutoring-platform/shared/catalog';
import { freePort, spawnNode, waitForOk } from './processes';

const servicesDir = path.resolve(__dirname, '..', '..');

/**
 * Every service client's secret, the same in the client and in the users service, and the users service's key for
 * authenticator keys at rest (other services ignore the variables).
 */
export const benchSecrets: Record<string, string> = {
  ...Object.fromEntries(
    serviceClients.map((client) => [clientSecretVariable(client), `${client.name}-bench-client-secret-0123456789abcdef`]),
  ),
  TOTP_ENCRYPTION_KEY: 'bench-totp-encryption-key-0123456789abcdef',
};

/** Loopback, no rate limit, no drain delay: a benchmark measures the service, not its protections. */
const benchSettings = {
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000000',
  SHUTDOWN_DRAIN_DELAY_MS: '0',
  ...benchSecrets,
};

export interface BenchService {
  process: ChildProcess;
  /** The service's API base, e.g. http://127.0.0.1:40123/api/tutoring */
  api: string;
}

/** Starts `services/<name>/dist/index.js` on a free port with `env`; resolves once its readiness answers 200. */
export async function startBuiltService(name: 'users' | 'tutoring' | 'groups', env: NodeJS.ProcessEnv): Promise<BenchService> {
  const port = await freePort();
  const child = spawnNode([path.join(servicesDir, name, 'dist', 'index.js')], { ...benchSettings, PORT: String(port), ...env });
  const api = `http://127.0.0.1:${port}/api/${name}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`${name} exited (${signal ?? code}) on port ${port}`))),
  );
  exited.catch(() => undefined);
  // readiness from our own child: one that exited (its port taken, say) must not pass for ready
  await Promise.race([waitForOk(`${api}/readyz`), exited]);
  if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited on port ${port}`);
  return { process: child, api };
}

/**
 * The users service on the throwaway database's `users` URL, with its own signing key and cheap password hashing:
 * accounts are set-up, not what is measured.
 */
export const startBenchUsers = async (serviceUrls: Record<string, string>): Promise<BenchUsers> => ({
  ...(await startBuiltService('users', {
    DATABASE_URL: serviceUrls.users!,
    JWT_PRIVATE_KEY: generateSigningKey(),
    PASSWORD_MEMORY_KIB: '1024',
    PASSWORD_TIME_COST: '1',
  })),
  databaseUrl: serviceUrls.users!,
});

/** The users service of a benchmark, and its database, where the links that confirm emails are read. */
export interface BenchUsers extends BenchService {
  databaseUrl: string;
}

/**
 * Signs up `count` students (`<label>-<i>@bench.test`) one after another, each confirming its email with the link
 * the service wrote for it (booking and tutoring need it); their access tokens, in order.
 */
export async function signUpStudents(users: BenchUsers, count: number, label: string): Promise<string[]> {
  const post = async (urlPath: string, body: unknown) => {
    const res = await fetch(`${users.api}${urlPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${urlPath} for ${label}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { accessToken: string; user: { id: string } };
  };
  const db = new pg.Client({ connectionString: users.databaseUrl });
  await db.connect();
  try {
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) {
      const account = { email: `${label}-${i}@bench.test`, password: 'bench passphrase 2026' };
      const { user } = await post('/auth/register', { ...account, displayName: `${label} ${i}`, timezone: 'UTC' });
      const { rows } = await db.query<{ token: string }>(
        `SELECT data->>'token' AS token FROM outbox WHERE key = $1 AND type = 'email-verification-requested'`,
        [user.id],
      );
      await post('/auth/email-verification/complete', { token: rows[0]?.token });
      tokens.push((await post('/auth/login', account)).accessToken);
    }
    return tokens;
  } finally {
    await db.end();
  }
}
