// The CodeDeploy AfterAllowTestTraffic hook: finds which deployable is being released, runs its smoke journey
// against the test listener and reports Succeeded or Failed. It always reports: a hook that never answers would
// hold the release until CodeDeploy's one-hour limit.
import { CodeDeployClient, GetDeploymentCommand, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { passed, runSmokeJourney, type SmokeAccount, type SmokeJourney, type SmokeStep } from './smoke-journey';

export interface HookEvent {
  DeploymentId: string;
  LifecycleEventHookExecutionId: string;
}

const codeDeploy = new CodeDeployClient({});
const secrets = new SecretsManagerClient({});

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function smokeTest(event: HookEvent): Promise<SmokeStep[]> {
  const deployment = await codeDeploy.send(new GetDeploymentCommand({ deploymentId: event.DeploymentId }));
  const group = deployment.deploymentInfo?.deploymentGroupName ?? '';
  const journey = (JSON.parse(setting('SMOKE_JOURNEYS')) as Record<string, SmokeJourney>)[group];
  if (!journey) return [{ step: 'journey', ok: false, ms: 0, error: `no smoke journey for deployment group "${group}"` }];
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: setting('SMOKE_ACCOUNT_SECRET_ARN') }));
  const account = JSON.parse(secret.SecretString ?? '{}') as SmokeAccount;
  return runSmokeJourney(journey, account, {
    testOrigin: setting('TEST_ORIGIN'),
    prodOrigin: setting('PROD_ORIGIN'),
    timeLimitMs: Number(process.env.SMOKE_TIME_LIMIT_MS ?? 60_000),
  });
}

export async function handler(event: HookEvent): Promise<{ status: 'Succeeded' | 'Failed'; steps: SmokeStep[] }> {
  let steps: SmokeStep[];
  try {
    steps = await smokeTest(event);
  } catch (err) {
    steps = [{ step: 'smoke test', ok: false, ms: 0, error: err instanceof Error ? err.message : String(err) }];
  }
  const status = passed(steps) ? 'Succeeded' : 'Failed';
  // one JSON line per run in the function's log group
  process.stdout.write(`${JSON.stringify({ deploymentId: event.DeploymentId, status, steps })}\n`);
  await codeDeploy.send(
    new PutLifecycleEventHookExecutionStatusCommand({
      deploymentId: event.DeploymentId,
      lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
      status,
    }),
  );
  return { status, steps };
}
