import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import request from 'supertest';
import { createPool, resolvePoolConfig } from '@tutoring-platform/postgres';
import { createLogger } from '@tutoring-platform/shared';
import { createTestContext, signUp } from './support';

// Secrets Manager has no local equivalent, so only its SDK client is stubbed; the database behind it is real.
const secretsManager = mockClient(SecretsManagerClient);
const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:users-db-AbCdEf';

function rdsSecretFor(url: string) {
  const parsed = new URL(url);
  return JSON.stringify({
    engine: 'postgres',
    host: parsed.hostname,
    port: Number(parsed.port),
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    dbname: parsed.pathname.slice(1),
  });
}

afterEach(() => secretsManager.reset());

describe('database credentials from Secrets Manager', () => {
  it('when DATABASE_SECRET_ARN is set, then the service reads the RDS secret and works against that database as its own role', async () => {
    secretsManager
      .on(GetSecretValueCommand, { SecretId: arn })
      .resolves({ SecretString: rdsSecretFor(process.env.TEST_DATABASE_URL_USERS!) });
    const ctx = await createTestContext({ DATABASE_URL: undefined, DATABASE_SECRET_ARN: arn });
    try {
      const student = await signUp(ctx.app);
      expect((await request(ctx.app).get('/api/users/me').set('Authorization', `Bearer ${student.accessToken}`)).status).toBe(200);
      expect((await ctx.pool.query('SELECT current_user AS who')).rows[0].who).toBe('users_service');
      expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    } finally {
      await ctx.close();
    }
  });

  it('when the secret lacks the password, then start-up fails with a clear error instead of connecting blind', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ host: 'db', username: 'u' }) });
    await expect(resolvePoolConfig({ DATABASE_SECRET_ARN: arn, DATABASE_SSL: false, DATABASE_POOL_MAX: 1 })).rejects.toThrow(/password/);
  });

  it('when the secret has no SecretString, then start-up fails', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({});
    await expect(resolvePoolConfig({ DATABASE_SECRET_ARN: arn, DATABASE_SSL: false, DATABASE_POOL_MAX: 1 })).rejects.toThrow(
      /SecretString/,
    );
  });

  it('when neither or both sources are configured, then configuration is refused', async () => {
    await expect(createTestContext({ DATABASE_URL: undefined })).rejects.toThrow(/DATABASE_URL/);
    await expect(createTestContext({ DATABASE_SECRET_ARN: arn })).rejects.toThrow(/exactly one/);
  });

  it('when the users role queries another schema, then PostgreSQL refuses', async () => {
    const pool = createPool({ connectionString: process.env.TEST_DATABASE_URL_USERS }, createLogger('t', 'silent'));
    try {
      await expect(pool.query('CREATE TABLE public.sneaky (id int)')).rejects.toThrow(/permission denied/);
    } finally {
      await pool.end();
    }
  });
});
