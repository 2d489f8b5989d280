// The function CodeDeploy calls once a release's replacement tasks take test traffic (appspec.yaml's
// AfterAllowTestTraffic hook). It runs inside the VPC and reaches the test listener through the NAT gateways, so
// the listener admits the NAT addresses; the synthetic account it signs in with lives in Secrets Manager.
import path from 'node:path';
import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environments';
import { smokeTestFunctionName } from '../names';
import { smokeJourneys } from '../smoke-journeys';

/** The compiled handler (npm run build): it imports only Node and the AWS SDK the Lambda runtime carries. */
const handlerDirectory = path.join(path.dirname(require.resolve('@tutoring-platform/infra/package.json')), 'dist', 'smoke-test');

export interface ReleaseSmokeTestProps {
  config: EnvironmentConfig;
  vpc: ec2.IVpc;
  /** e.g. https://tutoring.example.com */
  prodOrigin: string;
  testOrigin: string;
  /** The synthetic account's email domain. */
  domainName: string;
  deploymentGroups: codedeploy.EcsDeploymentGroup[];
}

export class ReleaseSmokeTest extends Construct {
  readonly function: lambda.Function;
  readonly account: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: ReleaseSmokeTestProps) {
    super(scope, id);
    this.account = new secretsmanager.Secret(this, 'Account', {
      description: 'The synthetic account the release smoke test signs in with (created by its first run)',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ email: `release-smoke-test@${props.domainName}` }),
        generateStringKey: 'password',
        passwordLength: 40,
        excludePunctuation: true,
      },
    });
    Validations.of(this.account).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'A synthetic account with no rights; rotating it would need the users API to change its password on the way.',
    });
    this.function = new lambda.Function(this, 'Function', {
      functionName: smokeTestFunctionName(props.config),
      description: 'CodeDeploy AfterAllowTestTraffic: a release smoke journey against the test listener',
      runtime: lambda.Runtime.NODEJS_22_X,
      code: lambda.Code.fromAsset(handlerDirectory, { exclude: ['*.d.ts', '*.map'] }),
      handler: 'handler.handler',
      timeout: Duration.minutes(2),
      memorySize: 256,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      environment: {
        SMOKE_JOURNEYS: JSON.stringify(smokeJourneys(props.config)),
        SMOKE_ACCOUNT_SECRET_ARN: this.account.secretArn,
        TEST_ORIGIN: props.testOrigin,
        PROD_ORIGIN: props.prodOrigin,
        SMOKE_TIME_LIMIT_MS: '60000',
      },
      logGroup: new logs.LogGroup(this, 'Logs', { retention: props.config.logRetention }),
    });
    this.account.grantRead(this.function);
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['codedeploy:GetDeployment', 'codedeploy:PutLifecycleEventHookExecutionStatus'],
        resources: props.deploymentGroups.map((group) => group.deploymentGroupArn),
      }),
    );
    const functionId = Stack.of(this).getLogicalId(this.function.node.defaultChild as CfnElement);
    for (const group of props.deploymentGroups) {
      this.function.grantInvoke(group.role);
      Validations.of(group.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
        reason: "The smoke-test function's versions and aliases: CDK grants the function ARN with and without a qualifier.",
      });
    }
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 LTS is the runtime of the whole platform (images, tests and local runs).',
    });
    const role = this.function.role!;
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'Writes its own log group only.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]',
      reason: 'Network interfaces in the VPC, as every VPC function needs.',
    });
  }
}
