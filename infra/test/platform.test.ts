// The CDK app synthesised offline for both environments, with cdk-nag's AwsSolutions checks and aws-cdk-lib's
// CloudFormation validation, and the promises of the infrastructure checked on the templates.
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  apiServices,
  environmentNames,
  eventProducers,
  postgresServices,
  serviceClients,
  services,
} from '@tutoring-platform/shared/catalog';
import examSeasons from '../lib/config/exam-season.json';
import { environments } from '../lib/config/environments';
import { buildPlatform } from '../lib/platform';

const cdkContext = (JSON.parse(readFileSync(path.join(__dirname, '..', 'cdk.json'), 'utf8')) as { context: Record<string, unknown> })
  .context;
type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

function synth(environment: 'dev' | 'prod') {
  const outdir = path.join(__dirname, '..', 'cdk.out', `test-${environment}`);
  rmSync(outdir, { recursive: true, force: true });
  const app = new App({ context: { ...cdkContext, env: environment }, outdir });
  const platform = buildPlatform(app, { environment, account: '111111111111', region: 'eu-west-1' });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  // throws with the report when any cdk-nag rule or CloudFormation validation fails unacknowledged
  app.synth();
  return { platform, outdir };
}

describe.each(['dev', 'prod'] as const)('the CDK app for %s', (environment) => {
  let network: Template;
  let data: Template;
  let servicesTemplate: Template;
  let serviceResources: Resources;
  let outdir: string;

  beforeAll(() => {
    const synthesised = synth(environment);
    const { platform } = synthesised;
    outdir = synthesised.outdir;
    network = Template.fromStack(platform.network);
    data = Template.fromStack(platform.data);
    servicesTemplate = Template.fromStack(platform.services);
    serviceResources = servicesTemplate.toJSON().Resources as Resources;
  });

  it('when synthesised offline with cdk-nag, then every stack is written and each acknowledged finding has its reason', () => {
    // app.synth() throws on an unacknowledged finding (see 'the checks themselves' below)
    expect(
      readdirSync(outdir)
        .filter((f) => f.endsWith('.template.json'))
        .sort(),
    ).toEqual(['Data', 'Network', 'Pipeline', 'Services'].map((s) => `TutoringPlatform-${environment}-${s}.template.json`));
    const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: Array<{ conclusion: string; violations: unknown[]; suppressedViolations: Array<{ reason?: string }> }>;
    };
    for (const plugin of report.pluginReports) {
      expect(plugin).toMatchObject({ conclusion: 'success', violations: [] });
      for (const acknowledged of plugin.suppressedViolations) expect(acknowledged.reason?.length).toBeGreaterThan(20);
    }
  });

  it('when the listeners are read, then one rule per catalog entry routes its prefix to its service, the web app takes the rest', () => {
    const rules = Object.values(serviceResources).filter((r) => r.Type === 'AWS::ElasticLoadBalancingV2::ListenerRule');
    for (const service of apiServices) {
      const mine = rules.filter((r) =>
        JSON.stringify(r.Properties.Conditions).includes(JSON.stringify([service.pathPrefix, `${service.pathPrefix}/*`])),
      );
      // one on the prod listener, one on the test listener, both at the catalog's priority
      expect(mine.map((r) => r.Properties.Priority)).toEqual([service.priority, service.priority]);
    }
    expect(rules).toHaveLength(apiServices.length * 2);
    servicesTemplate.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      DefaultActions: [Match.objectLike({ Type: 'forward' })],
    });
    servicesTemplate.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      DefaultActions: [Match.objectLike({ Type: 'redirect', RedirectConfig: Match.objectLike({ Port: '443', Protocol: 'HTTPS' }) })],
    });
  });

  it('when the network is read, then tasks have no public IPs and the database is not public', () => {
    const fargate = Object.values(serviceResources).filter((r) => r.Type === 'AWS::ECS::Service');
    expect(fargate).toHaveLength(apiServices.length + 1);
    for (const service of fargate) {
      expect(service.Properties).toMatchObject({
        DeploymentController: { Type: 'CODE_DEPLOY' },
        NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'DISABLED' } },
      });
      expect(service.Properties.DesiredCount).toBeGreaterThanOrEqual(2);
    }
    data.hasResourceProperties('AWS::RDS::DBInstance', {
      PubliclyAccessible: false,
      StorageEncrypted: true,
      EnablePerformanceInsights: true,
      MultiAZ: environments[environment].database.multiAz,
      DeletionProtection: environments[environment].database.deletionProtection,
      EngineVersion: Match.stringLikeRegexp('^17'),
    });
    network.resourceCountIs('AWS::EC2::FlowLog', 1);
    network.resourceCountIs('AWS::EC2::NatGateway', environments[environment].natGateways);
  });

  it('when the database security group is read, then only the PostgreSQL services and the provisioning task reach it', () => {
    const ingress = Object.values(serviceResources).filter(
      (r) => r.Type === 'AWS::EC2::SecurityGroupIngress' && JSON.stringify(r.Properties).includes('Postgres'),
    );
    const sources = ingress.map((r) => JSON.stringify(r.Properties.SourceSecurityGroupId));
    expect(sources).toHaveLength(postgresServices.length + 1);
    for (const service of postgresServices) expect(sources.some((s) => s.includes(`${service.name}Service`))).toBe(true);
    expect(sources.some((s) => s.includes('ProvisionSecurityGroup'))).toBe(true);
    expect(sources.some((s) => s.includes('groupsService') || s.includes('webService'))).toBe(false);
  });

  it('when the task roles are read, then each reaches only its own store, with no * action', () => {
    const policies = Object.entries(serviceResources).filter(([, r]) => r.Type === 'AWS::IAM::Policy');
    const statementsOf = (prefix: string) =>
      policies
        .filter(([id]) => id.startsWith(`${prefix}TaskTaskRole`))
        .flatMap(
          ([, r]) => (r.Properties.PolicyDocument as { Statement: Array<{ Action: string | string[]; Resource: unknown }> }).Statement,
        );
    for (const [, policy] of policies) {
      for (const statement of (policy.Properties.PolicyDocument as { Statement: Array<{ Action: string | string[] }> }).Statement) {
        expect([statement.Action].flat()).not.toContain('*');
      }
    }
    const groups = JSON.stringify(statementsOf('groups'));
    expect(groups).toContain(`table/tutoring-platform-${environment}-groups`);
    expect(groups).not.toContain('secretsmanager');
    // the photos: object actions on the tutoring service's own prefix, for it alone
    const photos = `:s3:::tutoring-platform-${environment}-photos-111111111111-eu-west-1/tutors/*`;
    const s3Statements = statementsOf('tutoring').filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    expect(s3Statements.map((s) => [[s.Action].flat().sort(), JSON.stringify(s.Resource).endsWith(`${photos}"]]}`)])).toEqual([
      [['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], true],
    ]);
    for (const other of ['users', 'groups', 'notifications', 'web']) expect(JSON.stringify(statementsOf(other))).not.toContain('s3:');
    // email: SESv2 SendEmail from the platform's identity, as its sender address, for the notifications service alone
    const sesStatements = statementsOf('notifications').filter((s) => [s.Action].flat().some((a) => a.startsWith('ses:')));
    expect(sesStatements).toEqual([
      expect.objectContaining({
        Action: 'ses:SendEmail',
        Condition: { StringEquals: { 'ses:FromAddress': 'no-reply@tutoring.example.com' } },
      }),
    ]);
    expect(JSON.stringify(sesStatements[0]!.Resource)).toContain(':identity/tutoring.example.com');
    for (const other of ['users', 'tutoring', 'groups', 'web']) expect(JSON.stringify(statementsOf(other))).not.toContain('ses:');
    for (const service of postgresServices) {
      const own = statementsOf(service.name);
      expect(own.flatMap((s) => [s.Action].flat())).toEqual(expect.arrayContaining(['secretsmanager:GetSecretValue']));
      expect(JSON.stringify(own)).toContain(`${service.name}Secret`);
      expect(JSON.stringify(own)).not.toContain('dynamodb');
      for (const other of postgresServices.filter((s) => s !== service)) expect(JSON.stringify(own)).not.toContain(`${other.name}Secret`);
    }
  });

  it('when the task definitions are read, then each service gets every variable the catalog names for AWS, mail settings included', () => {
    const taskDefinitions = Object.entries(serviceResources).filter(([, r]) => r.Type === 'AWS::ECS::TaskDefinition');
    for (const service of apiServices) {
      const [, task] = taskDefinitions.find(([id]) => id.startsWith(`${service.name}Task`))!;
      const [container] = task.Properties.ContainerDefinitions as Array<{
        Environment: Array<{ Name: string; Value: unknown }>;
        Secrets?: Array<{ Name: string }>;
      }>;
      const names = [...container!.Environment.map((e) => e.Name), ...(container!.Secrets ?? []).map((e) => e.Name)];
      expect(names).toEqual(expect.arrayContaining(environmentNames(service, 'aws')));
    }
    const [, notifications] = taskDefinitions.find(([id]) => id.startsWith('notificationsTask'))!;
    const env = (notifications.Properties.ContainerDefinitions as Array<{ Environment: Array<{ Name: string; Value: unknown }> }>)[0]!
      .Environment;
    expect(env).toEqual(
      expect.arrayContaining([
        { Name: 'MAIL_FROM', Value: 'Study Groups <no-reply@tutoring.example.com>' },
        { Name: 'PUBLIC_URL', Value: 'https://tutoring.example.com' },
      ]),
    );
    expect(env.map((e) => e.Name)).not.toContain('SMTP_URL');
    servicesTemplate.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'tutoring.example.com' });
  });

  it('when the execution roles are read, then a service client’s secret reaches only that client and the users service', () => {
    const readers = (secretId: string) =>
      Object.entries(serviceResources)
        .filter(([id, r]) => r.Type === 'AWS::IAM::Policy' && id.includes('ExecutionRole'))
        .filter(([, r]) => JSON.stringify(r.Properties.PolicyDocument).includes(secretId))
        .map(([id]) => apiServices.find((service) => id.startsWith(`${service.name}Task`))?.name ?? id)
        .sort();
    for (const client of serviceClients) {
      const secretId = Object.keys(serviceResources).find((id) => id.startsWith(`${client.name}ClientSecret`))!;
      expect(serviceResources[secretId]!.Type).toBe('AWS::SecretsManager::Secret');
      expect(readers(secretId)).toEqual([client.name, 'users'].sort());
    }
  });

  it('when the log groups are read, then each API service turns its "breaker opened" and "breaker closed" lines into metrics, with an alarm on openings', () => {
    const filters = Object.values(serviceResources).filter((r) => r.Type === 'AWS::Logs::MetricFilter');
    const metricOf = (f: (typeof filters)[number]) => (f.Properties.MetricTransformations as Array<{ MetricName: string }>)[0]!.MetricName;
    expect(filters.map((f) => [metricOf(f), f.Properties.FilterPattern]).sort()).toEqual(
      apiServices
        .flatMap((s) => [
          [`${s.name}StoreBreakerClosed`, '{ $.msg = "breaker closed" }'],
          [`${s.name}StoreBreakerOpened`, '{ $.msg = "breaker opened" }'],
        ])
        .sort(),
    );
    const alarms = Object.values(serviceResources).filter(
      (r) => r.Type === 'AWS::CloudWatch::Alarm' && String(r.Properties.MetricName ?? '').endsWith('StoreBreakerOpened'),
    );
    expect(alarms).toHaveLength(apiServices.length);
  });

  it('when the event path is read, then producers put only their own source on the bus, its rule fills the consumer’s queue, and dead letters alarm', () => {
    data.hasResourceProperties('AWS::Events::EventBus', { Name: `tutoring-platform-${environment}-events` });
    const queues = data.findResources('AWS::SQS::Queue');
    const [queueId, queue] = Object.entries(queues).find(([, q]) => q.Properties.QueueName === `tutoring-platform-${environment}-events`)!;
    const [deadId] = Object.entries(queues).find(
      ([, q]) => q.Properties.QueueName === `tutoring-platform-${environment}-events-dead-letters`,
    )!;
    expect(queue.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [deadId, 'Arn'] }, maxReceiveCount: 5 });
    expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    data.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: eventProducers.map((p) => `tutoring-platform.${p.name}`) },
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [queueId, 'Arn'] }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': [deadId, 'Arn'] } } }),
      ],
    });
    // only EventBridge, and only from this rule, may send to the queue
    data.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sqs:SendMessage',
            Principal: { Service: 'events.amazonaws.com' },
            Condition: { ArnEquals: Match.anyValue() },
          }),
        ]),
      },
    });

    const policies = Object.entries(serviceResources).filter(([, r]) => r.Type === 'AWS::IAM::Policy');
    const statementsOf = (prefix: string) =>
      policies
        .filter(([id]) => id.startsWith(`${prefix}TaskTaskRole`))
        .flatMap(([, r]) => (r.Properties.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement);
    for (const service of apiServices) {
      const puts = statementsOf(service.name).filter((st) => st.Action === 'events:PutEvents');
      const reads = statementsOf(service.name).filter((st) => JSON.stringify(st.Action).includes('sqs:'));
      if (eventProducers.includes(service)) {
        expect(puts).toEqual([
          expect.objectContaining({ Condition: { StringEquals: { 'events:source': `tutoring-platform.${service.name}` } } }),
        ]);
        expect(JSON.stringify(puts[0]!.Resource)).toContain(`:event-bus/tutoring-platform-${environment}-events`);
      } else expect(puts).toEqual([]);
      if (service.name === 'notifications') {
        expect(
          reads.map((st) => [st.Action, JSON.stringify(st.Resource).endsWith(`:tutoring-platform-${environment}-events"]]}`)]),
        ).toEqual([[['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'], true]]);
      } else expect(reads).toEqual([]);
    }
    servicesTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: `tutoring-platform-${environment}-events-dead-letters` }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [Match.anyValue()],
    });
  });

  it('when the deployment groups are read, then each is blue/green with auto-rollback and alarms over both target groups', () => {
    const groups = Object.values(serviceResources).filter((r) => r.Type === 'AWS::CodeDeploy::DeploymentGroup');
    expect(groups).toHaveLength(apiServices.length + 1);
    for (const group of groups) {
      expect(group.Properties).toMatchObject({
        DeploymentStyle: { DeploymentType: 'BLUE_GREEN', DeploymentOption: 'WITH_TRAFFIC_CONTROL' },
        AutoRollbackConfiguration: { Enabled: true, Events: expect.arrayContaining(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']) },
        AlarmConfiguration: { Enabled: true },
        BlueGreenDeploymentConfiguration: {
          TerminateBlueInstancesOnDeploymentSuccess: { Action: 'TERMINATE', TerminationWaitTimeInMinutes: expect.any(Number) },
        },
      });
      const wait = (
        group.Properties.BlueGreenDeploymentConfiguration as {
          TerminateBlueInstancesOnDeploymentSuccess: { TerminationWaitTimeInMinutes: number };
        }
      ).TerminateBlueInstancesOnDeploymentSuccess.TerminationWaitTimeInMinutes;
      expect(wait).toBeGreaterThanOrEqual(15);
      expect((group.Properties.AlarmConfiguration as { Alarms: unknown[] }).Alarms).toHaveLength(3);
    }
    // the deployments' alarms: the store-breaker alarms are not release alarms
    const alarms = Object.values(serviceResources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties.Metrics);
    expect(alarms).toHaveLength((apiServices.length + 1) * 3);
    for (const alarm of alarms) {
      const targetGroups = new Set(
        (alarm.Properties.Metrics as Array<{ MetricStat?: { Metric: { Dimensions: Array<{ Name: string; Value: unknown }> } } }>)
          .flatMap((m) => m.MetricStat?.Metric.Dimensions ?? [])
          .filter((d) => d.Name === 'TargetGroup')
          .map((d) => JSON.stringify(d.Value)),
      );
      expect(targetGroups.size).toBe(2);
    }
    // a canary's errors are judged against its own requests, not diluted by the other group's
    const errorRates = alarms.filter((a) => String(a.Properties.AlarmDescription).includes('5xx'));
    expect(errorRates).toHaveLength(apiServices.length + 1);
    for (const alarm of errorRates) {
      const expression = (alarm.Properties.Metrics as Array<{ Expression?: string }>).find((m) => m.Expression)!.Expression!;
      expect(expression).toContain('FILL(b5,0) / FILL(br,0)');
      expect(expression).toContain('FILL(g5,0) / FILL(gr,0)');
    }
  });

  it('when autoscaling is read, then CPU and memory track targets and the exam seasons are scheduled from the config', () => {
    const policies = Object.values(serviceResources).filter((r) => r.Type === 'AWS::ApplicationAutoScaling::ScalingPolicy');
    const metrics = policies.map(
      (p) =>
        (p.Properties.TargetTrackingScalingPolicyConfiguration as { PredefinedMetricSpecification: { PredefinedMetricType: string } })
          .PredefinedMetricSpecification.PredefinedMetricType,
    );
    expect(metrics.filter((m) => m === 'ECSServiceAverageCPUUtilization')).toHaveLength(apiServices.length + 1);
    expect(metrics.filter((m) => m === 'ECSServiceAverageMemoryUtilization')).toHaveLength(apiServices.length + 1);
    expect(metrics).not.toContain('ALBRequestCountPerTarget');
    const targets = Object.entries(serviceResources).filter(([, r]) => r.Type === 'AWS::ApplicationAutoScaling::ScalableTarget');
    for (const service of apiServices) {
      const [, target] = targets.find(([id]) => id.startsWith(`${service.name}Service`))!;
      const actions = target.Properties.ScheduledActions as Array<{ Schedule: string; ScalableTargetAction: { MinCapacity: number } }>;
      for (const season of examSeasons.seasons) {
        const [year, month, day] = season.start.split('-').map(Number);
        expect(actions).toContainEqual(
          expect.objectContaining({
            Schedule: `cron(0 0 ${day} ${month} ? ${year})`,
            ScalableTargetAction: expect.objectContaining({ MinCapacity: season.minTasks[service.name as keyof typeof season.minTasks] }),
          }),
        );
      }
      expect(actions).toHaveLength(examSeasons.seasons.length * 2);
    }
  });

  it('when deployed, then the provisioning task runs from the provision image with every service secret, in private subnets', () => {
    const runs = Object.values(serviceResources).filter((r) => r.Type === 'Custom::AWS');
    expect(runs).toHaveLength(1);
    const call = JSON.stringify(runs[0]!.Properties.Update);
    expect(call).toContain('runTask');
    expect(call).toContain('DISABLED');
    expect(call).toContain('ProvisionTask');
    servicesTemplate.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Family: `tutoring-platform-${environment}-provision`,
      ContainerDefinitions: [
        Match.objectLike({
          Command: ['aws'],
          ReadonlyRootFilesystem: true,
          User: 'node',
          Environment: Match.arrayWith([
            Match.objectLike({ Name: 'MASTER_SECRET_ARN' }),
            Match.objectLike({ Name: 'SERVICE_SECRET_ARNS' }),
          ]),
        }),
      ],
    });
  });

  it('when the logs are read, then every log group has a retention', () => {
    for (const template of [network, servicesTemplate]) {
      const groups = Object.values(template.toJSON().Resources as Resources).filter((r) => r.Type === 'AWS::Logs::LogGroup');
      expect(groups.length).toBeGreaterThan(0);
      for (const group of groups) expect(group.Properties.RetentionInDays).toEqual(expect.any(Number));
    }
  });

  it('when the data stack is read, then the groups table is built from the catalog definition, on demand, with PITR', () => {
    const { table } = services.groups.store;
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TableName: `tutoring-platform-${environment}-groups`,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: table.partitionKey, KeyType: 'HASH' },
        { AttributeName: table.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: Object.values(table.indexes).map((index) =>
        Match.objectLike({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
        }),
      ),
      Replicas: [
        Match.objectLike({ DeletionProtectionEnabled: true, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
      ],
    });
    data.resourceCountIs('AWS::SecretsManager::RotationSchedule', 1 + postgresServices.length);
  });

  it('when the data stack is read, then the photos bucket is private, encrypted, SSL-only, logged and kept on delete', () => {
    data.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketName: `tutoring-platform-${environment}-photos-111111111111-eu-west-1`,
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'tutoring/' }),
      }),
    });
    data.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });
});

describe('the checks themselves', () => {
  it('when a construct breaks an AwsSolutions rule without acknowledging it, then synth fails naming the rule', () => {
    const app = new App({ outdir: path.join(__dirname, '..', 'cdk.out', 'test-broken') });
    const stack = new Stack(app, 'Broken', { env: { account: '111111111111', region: 'eu-west-1' } });
    new s3.Bucket(stack, 'OpenBucket');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
    const report = readFileSync(path.join(__dirname, '..', 'cdk.out', 'test-broken', 'validation-report.json'), 'utf8');
    expect(report).toContain('AwsSolutions-S10');
  });
});
