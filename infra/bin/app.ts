// The CDK app: `cdk deploy --all -c env=dev|prod -c domainName=... -c certificateArn=...`. Account and region come
// from the CLI's environment. Three stacks by lifecycle: network, data (stateful) and services.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildPlatform } from '../lib/platform';

const app = new App();
buildPlatform(app, {
  environment: app.node.tryGetContext('env') as string | undefined,
  account: process.env.CDK_DEFAULT_ACCOUNT,
  region: process.env.CDK_DEFAULT_REGION,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
