// The one-off AWS provisioning against the run's real PostgreSQL; only Secrets Manager is stubbed, at its client.
import { createPrivateKey } from 'node:crypto';
import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import pg from 'pg';
import { postgresServices } from '@tutoring-platform/shared/catalog';
import { provisionAws } from '../src/aws-provisioning';

const arn = (name: string) => `arn:aws:secretsmanager:eu-west-1:111111111111:secret:${name}`;
const admin = new URL(process.env.TEST_POSTGRES_ADMIN_URL!);
// the roles keep the passwords the rest of the run uses, so provisioning them again disturbs no other test
const serviceUrl = (name: string) => new URL(process.env[`TEST_DATABASE_URL_${name.toUpperCase()}`]!);

function stubSecrets(signingKey: string) {
  const secrets = mockClient(SecretsManagerClient);
  const values: Record<string, string> = {
    [arn('master')]: JSON.stringify({
      username: decodeURIComponent(admin.username),
      password: decodeURIComponent(admin.password),
      host: admin.hostname,
      port: Number(admin.port),
      dbname: admin.pathname.slice(1),
    }),
    [arn('signing-key')]: signingKey,
    ...Object.fromEntries(
      postgresServices.map((s) => [
        arn(s.name),
        JSON.stringify({ username: s.store.role, password: decodeURIComponent(serviceUrl(s.name).password) }),
      ]),
    ),
  };
  secrets.on(GetSecretValueCommand).callsFake((input: { SecretId: string }) => ({ SecretString: values[input.SecretId] }));
  secrets.on(PutSecretValueCommand).callsFake((input: { SecretId: string; SecretString: string }) => {
    values[input.SecretId] = input.SecretString;
    return {};
  });
  return { secrets, values };
}

const settings = {
  masterSecretArn: arn('master'),
  serviceSecretArns: Object.fromEntries(postgresServices.map((s) => [s.name, arn(s.name)])),
  signingKeySecretArn: arn('signing-key'),
  ssl: false,
  sslCa: undefined,
};

describe('provisioning in AWS', () => {
  afterEach(() => mockClient(SecretsManagerClient).restore());

  it('when run, then each service role logs in with its secret’s password into its own schema, and a signing key is generated once', async () => {
    const { secrets, values } = stubSecrets('set-by-the-provisioning-task');
    const log: string[] = [];
    await provisionAws(settings, new SecretsManagerClient({}), (line) => log.push(line));

    for (const service of postgresServices) {
      const client = new pg.Client({ connectionString: serviceUrl(service.name).href });
      await client.connect();
      try {
        expect((await client.query('SHOW search_path')).rows[0].search_path).toBe(service.store.schema);
        expect((await client.query('SELECT current_user AS name')).rows[0].name).toBe(service.store.role);
      } finally {
        await client.end();
      }
    }
    const key = values[arn('signing-key')]!;
    expect(createPrivateKey(key).asymmetricKeyType).toBe('rsa');
    expect(secrets.commandCalls(PutSecretValueCommand)).toHaveLength(1);
    expect(log).toEqual(expect.arrayContaining(['JWT signing key generated']));

    // a second run keeps the key
    await provisionAws(settings, new SecretsManagerClient({}), () => undefined);
    expect(values[arn('signing-key')]).toBe(key);
    expect(secrets.commandCalls(PutSecretValueCommand)).toHaveLength(1);
  });

  it('when a service secret names another role than the catalog, then it refuses', async () => {
    const { values } = stubSecrets('x');
    values[arn('users')] = JSON.stringify({ username: 'someone_else', password: 'p' });
    await expect(provisionAws(settings, new SecretsManagerClient({}), () => undefined)).rejects.toThrow(/someone_else/);
  });
});
