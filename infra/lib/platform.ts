// The platform's stacks for one environment, wired together; used by the app and by the tests alike.
import type { App } from 'aws-cdk-lib';
import { environmentNamed } from './config/environments';
import examSeasons from './config/exam-season.json';
import { DataStack, scopeDynamoDbEndpoint } from './stacks/data-stack';
import { NetworkStack } from './stacks/network-stack';
import { PipelineStack, type SourceSettings } from './stacks/pipeline-stack';
import { ServicesStack, type MailSettings } from './stacks/services-stack';

export interface PlatformOptions {
  environment: string | undefined;
  account: string | undefined;
  region: string | undefined;
}

function requiredContext(app: App, key: string): string {
  const value = app.node.tryGetContext(key) as unknown;
  if (typeof value !== 'string' || !value) throw new Error(`set -c ${key}=... (or put it in cdk.context.json)`);
  return value;
}

export function buildPlatform(app: App, options: PlatformOptions) {
  const config = environmentNamed(options.environment);
  const env = { account: options.account, region: options.region };
  const prefix = `TutoringPlatform-${config.name}`;
  const network = new NetworkStack(app, `${prefix}-Network`, { env, config });
  scopeDynamoDbEndpoint(network.dynamoDbEndpoint, config);
  const data = new DataStack(app, `${prefix}-Data`, { env, config, vpc: network.vpc, dynamoDbEndpoint: network.dynamoDbEndpoint });
  const services = new ServicesStack(app, `${prefix}-Services`, {
    env,
    config,
    vpc: network.vpc,
    data,
    domainName: requiredContext(app, 'domainName'),
    certificateArn: requiredContext(app, 'certificateArn'),
    mail: mailSettings(app),
    imageTag: (app.node.tryGetContext('imageTag') as string | undefined) ?? 'bootstrap',
    examSeasons: examSeasons.seasons,
  });
  const pipeline = new PipelineStack(app, `${prefix}-Pipeline`, {
    env,
    config,
    source: sourceSettings(app),
    deployables: services.deployables,
    repositories: data.repositories,
    notifications: services.alarmTopic,
  });
  return { config, network, data, services, pipeline };
}

/**
 * Email goes through SES from a domain identity: `-c mailDomain=...` (default: the platform's domain name), sent as
 * `-c mailFrom=...` (default: `Study Groups <no-reply@<mailDomain>>`).
 */
function mailSettings(app: App): MailSettings {
  const domain = (app.node.tryGetContext('mailDomain') as string | undefined) ?? requiredContext(app, 'domainName');
  const from = (app.node.tryGetContext('mailFrom') as string | undefined) ?? `Study Groups <no-reply@${domain}>`;
  if (!from.replace(/>$/, '').endsWith(`@${domain}`)) throw new Error(`-c mailFrom must be an address at ${domain}, the SES identity`);
  return { domain, from };
}

/** CodeCommit by default; `-c githubConnectionArn=... -c githubRepository=owner/name` for GitHub through CodeStar. */
function sourceSettings(app: App): SourceSettings {
  const branch = (app.node.tryGetContext('sourceBranch') as string | undefined) ?? 'main';
  const connectionArn = app.node.tryGetContext('githubConnectionArn') as string | undefined;
  if (!connectionArn) return { kind: 'codecommit', branch };
  const [owner, repository, ...rest] = requiredContext(app, 'githubRepository').split('/');
  if (!owner || !repository || rest.length) throw new Error('set -c githubRepository=owner/name');
  return { kind: 'github', connectionArn, owner, repository, branch };
}
