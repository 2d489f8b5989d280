// TLS to PostgreSQL is verified or not used: DATABASE_SSL=true without a CA bundle refuses to start, and the bundle
// must be readable PEM certificates (in AWS the RDS bundle baked into the image at build time).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { resolvePoolConfig } from '@tutoring-platform/postgres';
import { ConfigError } from '@tutoring-platform/shared';
import { loadUsersConfig } from '../src/config';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tp-tls-'));
// Any PEM certificate block will do for the parse; a real bundle holds several.
const bundle = path.join(dir, 'bundle.pem');
writeFileSync(bundle, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
const empty = path.join(dir, 'empty.pem');
writeFileSync(empty, '');
const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const base = {
  DATABASE_URL: 'postgres://users_service:x@127.0.0.1:5432/platform',
  JWT_PRIVATE_KEY: privateKey,
  TUTORING_CLIENT_SECRET: 'a client secret of at least 32 characters',
  GROUPS_CLIENT_SECRET: 'another client secret of at least 32 characters',
  TOTP_ENCRYPTION_KEY: 'a key for authenticator keys, at least 32 characters',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadUsersConfig({ ...base, ...env });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => p.split(':')[0]!);
  }
}

describe('TLS to the database', () => {
  it('when DATABASE_SSL=true comes without a CA bundle, then the service refuses to start, naming the bundle', () => {
    expect(problemsOf({ DATABASE_SSL: 'true' })).toEqual(['DATABASE_SSL_CA']);
  });

  it('when the CA bundle is missing or holds no certificate, then that is listed too', () => {
    expect(problemsOf({ DATABASE_SSL: 'true', DATABASE_SSL_CA_FILE: path.join(dir, 'nowhere.pem') })).toEqual([
      'DATABASE_SSL_CA_FILE',
      'DATABASE_SSL_CA',
    ]);
    expect(problemsOf({ DATABASE_SSL: 'true', DATABASE_SSL_CA_FILE: empty })).toEqual(['DATABASE_SSL_CA']);
  });

  it('when TLS comes with a bundle, or is off, then the settings load', () => {
    expect(problemsOf({ DATABASE_SSL: 'true', DATABASE_SSL_CA_FILE: bundle })).toEqual([]);
    expect(problemsOf({})).toEqual([]);
  });

  it('when the pool is configured, then TLS verifies the server against the bundle and never goes unverified', async () => {
    const ca = readFileSync(bundle, 'utf8');
    const verified = await resolvePoolConfig({ ...base, DATABASE_SSL: true, DATABASE_SSL_CA: ca, DATABASE_POOL_MAX: 1 });
    expect(verified.ssl).toEqual({ ca, rejectUnauthorized: true });
    await expect(resolvePoolConfig({ ...base, DATABASE_SSL: true, DATABASE_POOL_MAX: 1 })).rejects.toThrow(
      /unverified TLS connection is refused/,
    );
    expect((await resolvePoolConfig({ ...base, DATABASE_SSL: false, DATABASE_POOL_MAX: 1 })).ssl).toBeUndefined();
  });
});
