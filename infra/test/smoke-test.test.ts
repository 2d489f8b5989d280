// The release smoke-test hook against the real local stack (npm start on free ports): only CodeDeploy and Secrets
// Manager, which have no local equivalent, are stubbed at their SDK clients.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CodeDeployClient, GetDeploymentCommand, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { startFreshStack } from '@tutoring-platform/local-stack/testing';
import { environments } from '../lib/config/environments';
import { deploymentGroupName } from '../lib/names';
import { smokeJourneys } from '../lib/smoke-journeys';
import { handler } from '../smoke-test/handler';

const codeDeploy = mockClient(CodeDeployClient);
const secrets = mockClient(SecretsManagerClient);
const config = environments.dev;
const account = { email: `release-smoke-${process.pid}@example.test`, password: 'smoke test passphrase 2026' };
let stack: { gateway: string; stop: () => Promise<void> };
let silent: Server;

beforeAll(async () => {
  stack = await startFreshStack({ WEB_ROOT: path.join(__dirname, '..', '..', 'frontend', 'dist') });
  // accepts connections and never answers: a replacement task that hangs
  silent = createServer(() => undefined).listen(0, '127.0.0.1');
  Object.assign(process.env, {
    SMOKE_JOURNEYS: JSON.stringify(smokeJourneys(config)),
    SMOKE_ACCOUNT_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:smoke-account',
    TEST_ORIGIN: stack.gateway,
    PROD_ORIGIN: stack.gateway,
    SMOKE_TIME_LIMIT_MS: '3000',
  });
}, 120_000);

afterAll(async () => {
  // the hung requests' sockets, which the hook's time limit abandoned
  silent?.closeAllConnections();
  silent?.close();
  await stack?.stop();
});

beforeEach(() => {
  codeDeploy.reset();
  secrets.reset();
  secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(account) });
  codeDeploy.on(PutLifecycleEventHookExecutionStatusCommand).resolves({});
  process.env.TEST_ORIGIN = stack.gateway;
});

async function release(deployable: string) {
  const deploymentId = `d-${deployable.toUpperCase()}${Date.now()}`;
  codeDeploy.on(GetDeploymentCommand, { deploymentId }).resolves({
    deploymentInfo: { deploymentGroupName: deploymentGroupName(config, deployable) },
  });
  const result = await handler({ DeploymentId: deploymentId, LifecycleEventHookExecutionId: `hook-${deploymentId}` });
  const reported = codeDeploy.commandCalls(PutLifecycleEventHookExecutionStatusCommand).map((c) => c.args[0].input);
  return { result, reported, deploymentId };
}

describe('the release smoke test', () => {
  it('when users is released first, then it creates the synthetic account, signs in and reports Succeeded', async () => {
    const { result, reported, deploymentId } = await release('users');
    expect(result.steps.map((s) => s.step)).toEqual([
      'GET /api/users/healthz',
      'GET /api/users/readyz',
      'GET /api/users/openapi.json',
      'GET /api/users/.well-known/jwks.json',
      'sign in',
      'create the synthetic account',
      'sign in',
      'GET /api/users/me signed in',
    ]);
    expect(reported).toEqual([{ deploymentId, lifecycleEventHookExecutionId: `hook-${deploymentId}`, status: 'Succeeded' }]);
  });

  it.each(['tutoring', 'groups', 'web'])('when %s is released, then its journey passes with the existing account', async (name) => {
    const { result, reported } = await release(name);
    expect(result.steps.filter((s) => !s.ok)).toEqual([]);
    expect(result.steps.map((s) => s.step)).not.toContain('create the synthetic account');
    expect(result.steps.map((s) => s.step)).toContain('sign in');
    expect(result.steps).toHaveLength(name === 'web' ? 3 : 6);
    expect(reported.map((r) => r.status)).toEqual(['Succeeded']);
  });

  it('when the account secret holds a wrong password, then the release fails at the sign-in', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ ...account, password: 'not the password at all' }) });
    const { result, reported } = await release('tutoring');
    expect(result.steps.at(-1)).toMatchObject({ step: 'create the synthetic account', ok: false, status: 409 });
    expect(reported.map((r) => r.status)).toEqual(['Failed']);
  });

  it('when the replacement tasks never answer, then it reports Failed within its time limit', async () => {
    process.env.TEST_ORIGIN = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const { result, reported } = await release('groups');
    expect(result.steps).toEqual([expect.objectContaining({ step: 'GET /api/groups/healthz', ok: false })]);
    expect(result.steps[0]!.ms).toBeLessThan(10_000);
    expect(reported.map((r) => r.status)).toEqual(['Failed']);
  });

  it('when the deployment group is not one of the platform, or CodeDeploy cannot be read, then it still reports Failed', async () => {
    const unknown = await release('billing');
    expect(unknown.result.steps[0]!.error).toContain('no smoke journey');
    codeDeploy.reset();
    codeDeploy.on(PutLifecycleEventHookExecutionStatusCommand).resolves({});
    codeDeploy.on(GetDeploymentCommand).rejects(new Error('AccessDenied'));
    const denied = await handler({ DeploymentId: 'd-DENIED', LifecycleEventHookExecutionId: 'hook' });
    expect(denied.status).toBe('Failed');
    expect(codeDeploy.commandCalls(PutLifecycleEventHookExecutionStatusCommand)[0]!.args[0].input.status).toBe('Failed');
    expect(unknown.reported.map((r) => r.status)).toEqual(['Failed']);
  });
});
