// Services: the ECS cluster, the ALB (HTTPS, HTTP -> HTTPS, a VPC-only test listener), one blue/green Fargate
// service per deployable of the catalog with its listener rule, least-privilege task roles, the SNS alarm topic,
// dashboards and an optional WAF.
import { ArnFormat, Duration, Stack, type StackProps, Token, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cr from 'aws-cdk-lib/custom-resources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import {
  apiServices,
  clientSecretVariable,
  eventBus,
  eventSource,
  jwksPath,
  postgresServices,
  secretsOf,
  serviceClients,
  services,
  webApp,
  type ApiService,
} from '@tutoring-platform/shared/catalog';
import type { EnvironmentConfig } from '../config/environments';
import { accessLogBucket } from '../constructs/access-log-bucket';
import { BlueGreenService, type ExamSeason } from '../constructs/blue-green-service';
import { ReleaseSmokeTest } from '../constructs/release-smoke-test';
import { bucketName, eventBusName, eventsDeadLetterQueueName, eventsQueueName, tableName, taskFamily } from '../names';
import { VPC_CIDR } from './network-stack';
import type { DataStack } from './data-stack';

export interface ServicesStackProps extends StackProps {
  config: EnvironmentConfig;
  vpc: ec2.Vpc;
  data: Pick<DataStack, 'database' | 'serviceSecrets' | 'tables' | 'repositories'>;
  /** The public name the platform answers on; peers call each other's APIs through it. */
  domainName: string;
  certificateArn: string;
  /** The image tag every service runs at first deploy; afterwards the pipeline owns the image. */
  imageTag: string;
  examSeasons: readonly ExamSeason[];
  mail: MailSettings;
}

/** Where the platform's email comes from: an SES domain identity, and the sender address at it. */
export interface MailSettings {
  domain: string;
  /** `Name <local@domain>` */
  from: string;
}

/** Where the PostgreSQL services' and provisioning images keep the RDS CA bundle (added by CodeBuild). */
export const RDS_CA_FILE = '/app/certs/rds-global-bundle.pem';

/** The construct id aws-cdk-lib gives the AwsCustomResource handler (a singleton per stack). */
const CUSTOM_RESOURCE_HANDLER = 'AWS679f53fac002430cb0da5b7982bd2287';

/** The test listener's port: CodeDeploy sends the replacement (green) tasks' test traffic here. */
export const TEST_LISTENER_PORT = 8443;

export class ServicesStack extends Stack {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly prodListener: elbv2.ApplicationListener;
  readonly testListener: elbv2.ApplicationListener;
  readonly alarmTopic: sns.Topic;
  readonly deployables: Record<string, BlueGreenService> = {};
  readonly smokeTest: ReleaseSmokeTest;
  /** The SES identity the platform's email is sent from; its DKIM records go in the domain's DNS. */
  readonly mailIdentity: ses.EmailIdentity;
  private readonly config: EnvironmentConfig;

  constructor(scope: Construct, id: string, props: ServicesStackProps) {
    super(scope, id, props);
    const { config, vpc, data } = props;
    this.config = config;

    const cluster = new ecs.Cluster(this, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });

    const accessLogs = accessLogBucket(this, 'AccessLogs');

    const albSecurityGroup = new ec2.SecurityGroup(this, 'AlbSecurityGroup', { vpc, description: 'the public load balancer' });
    albSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from anywhere');
    albSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP from anywhere, redirected to HTTPS');
    albSecurityGroup.addIngressRule(ec2.Peer.ipv4(VPC_CIDR), ec2.Port.tcp(TEST_LISTENER_PORT), 'test listener: inside the VPC only');
    Validations.of(albSecurityGroup).acknowledge({ id: 'AwsSolutions-EC23', reason: 'The public web app and API are served on 80/443.' });

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'Alb', {
      vpc,
      internetFacing: true,
      securityGroup: albSecurityGroup,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      dropInvalidHeaderFields: true,
    });
    this.loadBalancer.logAccessLogs(accessLogs, 'alb');
    const certificate = acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn);
    this.prodListener = this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [certificate],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      open: false,
    });
    this.loadBalancer.addRedirect({ sourcePort: 80, targetPort: 443 });
    this.testListener = this.loadBalancer.addListener('Test', {
      port: TEST_LISTENER_PORT,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [certificate],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      open: false,
    });

    const topicKey = new kms.Key(this, 'AlarmTopicKey', { enableKeyRotation: true, description: 'tutoring platform alarms' });
    this.alarmTopic = new sns.Topic(this, 'Alarms', { masterKey: topicKey, enforceSSL: true });
    topicKey.grantEncryptDecrypt(new iam.ServicePrincipal('cloudwatch.amazonaws.com'));
    // pipeline and deployment notifications
    topicKey.grantEncryptDecrypt(new iam.ServicePrincipal('codestar-notifications.amazonaws.com'));
    const alarmAction = new actions.SnsAction(this.alarmTopic);

    const publicUrl = `https://${props.domainName}`;
    const signingKey = new secretsmanager.Secret(this, 'JwtSigningKey', {
      description: 'RS256 private key (PEM) the users service signs access tokens with; set by the provisioning task',
    });
    Validations.of(signingKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'A signing key is rotated by publishing the new key in the JWKS before use (README: key rotation), not by a rotation Lambda.',
    });

    // Each service client's secret, exchanged with the users service for service tokens (outbox deliveries): made
    // here at random, given to the client and to the users service, and to no one else.
    const totpKey = new secretsmanager.Secret(this, 'TotpEncryptionKey', {
      description: 'encrypts the authenticator keys of two-step sign-in in the users database',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(totpKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating it means re-encrypting every stored authenticator key; not automated (README: two-step sign-in).',
    });
    const secretByVariable: Record<string, secretsmanager.ISecret> = { JWT_PRIVATE_KEY: signingKey, TOTP_ENCRYPTION_KEY: totpKey };
    for (const client of serviceClients) {
      const secret = new secretsmanager.Secret(this, `${client.name}ClientSecret`, {
        description: `client secret of the ${client.name} service, for service tokens from the users service`,
        generateSecretString: { passwordLength: 48, excludePunctuation: true },
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason: 'Rotated by setting a new value and redeploying both services (README: Service tokens).',
      });
      secretByVariable[clientSecretVariable(client)] = secret;
    }
    const secretsFor = (service: ApiService) =>
      Object.fromEntries(secretsOf(service).map((variable) => [variable, ecs.Secret.fromSecretsManager(secretByVariable[variable]!)]));

    this.mailIdentity = new ses.EmailIdentity(this, 'MailIdentity', { identity: ses.Identity.domain(props.mail.domain) });

    const imageOf = (name: string) => ecs.ContainerImage.fromEcrRepository(data.repositories[name] as ecr.IRepository, props.imageTag);

    for (const service of apiServices) {
      const deployable = new BlueGreenService(this, service.name, {
        config,
        cluster,
        name: service.name,
        image: imageOf(service.name),
        containerPort: service.containerPort,
        readyPath: service.readyPath,
        healthPath: service.healthPath,
        environment: this.environmentOf(service, props, publicUrl),
        secrets: secretsFor(service),
        route: { pathPatterns: [service.pathPrefix, `${service.pathPrefix}/*`], priority: service.priority },
        prodListener: this.prodListener,
        testListener: this.testListener,
        examSeasons: props.examSeasons,
        alarmAction,
        watchesStores: true,
      });
      this.grantStore(service, deployable, data);
      if (service.mail) this.grantMail(deployable.taskDefinition.taskRole, props.mail);
      this.grantEvents(service, deployable.taskDefinition.taskRole);
      deployable.service.connections.allowFrom(albSecurityGroup, ec2.Port.tcp(service.containerPort), 'from the load balancer');
      this.deployables[service.name] = deployable;
    }
    const web = new BlueGreenService(this, 'web', {
      config,
      cluster,
      name: webApp.name,
      image: imageOf(webApp.name),
      containerPort: webApp.containerPort,
      readyPath: webApp.healthPath,
      healthPath: webApp.healthPath,
      environment: { PORT: String(webApp.containerPort) },
      prodListener: this.prodListener,
      testListener: this.testListener,
      examSeasons: props.examSeasons,
      alarmAction,
    });
    web.service.connections.allowFrom(albSecurityGroup, ec2.Port.tcp(webApp.containerPort), 'from the load balancer');
    this.deployables[webApp.name] = web;

    this.smokeTest = new ReleaseSmokeTest(this, 'ReleaseSmokeTest', {
      config,
      vpc,
      prodOrigin: publicUrl,
      testOrigin: `${publicUrl}:${TEST_LISTENER_PORT}`,
      domainName: props.domainName,
      deploymentGroups: Object.values(this.deployables).map((d) => d.deploymentGroup),
    });
    // The smoke test calls the public name from private subnets, so its requests reach the ALB from the NAT gateways.
    for (const subnet of vpc.publicSubnets) {
      const nat = subnet.node.tryFindChild('EIP');
      if (nat instanceof ec2.CfnEIP) {
        albSecurityGroup.addIngressRule(
          ec2.Peer.ipv4(`${nat.attrPublicIp}/32`),
          ec2.Port.tcp(TEST_LISTENER_PORT),
          'test listener: the release smoke test',
        );
      }
    }

    this.alarmOnDeadLetters(alarmAction);
    this.provisionOnDeploy(cluster, imageOf('provision'), signingKey, data);
    if (config.waf) this.addWaf();
    this.addDashboards(data);
  }

  /** The catalog's variables with their AWS values: peers through the ALB's public name (CodeDeploy blue/green rules
   * out Service Connect and Cloud Map), the store by secret ARN or table name. */
  private environmentOf(service: ApiService, props: ServicesStackProps, publicUrl: string): Record<string, string> {
    const peers = Object.fromEntries(
      Object.entries(service.peers).map(([variable, peer]) => [variable, `${publicUrl}${services[peer].pathPrefix}`]),
    );
    const store: Record<string, string> =
      service.store.kind === 'postgres'
        ? {
            DATABASE_SECRET_ARN: props.data.serviceSecrets[service.name]!.secretArn,
            DATABASE_SSL: 'true',
            DATABASE_SSL_CA_FILE: RDS_CA_FILE,
          }
        : { [service.store.tableVariable]: tableName(props.config, service.store), AWS_REGION: this.region };
    const objects: Record<string, string> = service.objects
      ? { [service.objects.bucketVariable]: bucketName(props.config, service.objects, this), AWS_REGION: this.region }
      : {};
    const mail: Record<string, string> = service.mail
      ? { [service.mail.fromVariable]: props.mail.from, PUBLIC_URL: publicUrl, AWS_REGION: this.region }
      : {};
    const bus: Record<string, string> = {
      ...(service.deliversTo.includes(eventBus.consumer)
        ? { [eventBus.busVariable]: eventBusName(this.config), AWS_REGION: this.region }
        : {}),
      ...(service.name === eventBus.consumer ? { [eventBus.queueVariable]: this.eventsQueueUrl(), AWS_REGION: this.region } : {}),
    };
    return {
      PORT: String(service.containerPort),
      ...store,
      ...objects,
      ...mail,
      ...bus,
      ...peers,
      ...(service.tokens === 'verifies' ? { JWKS_URL: `${publicUrl}${jwksPath}` } : {}),
    };
  }

  /** Each task role reaches its own store and nothing else; the database only from the PostgreSQL services. */
  private grantStore(service: ApiService, deployable: BlueGreenService, data: ServicesStackProps['data']): void {
    const role = deployable.taskDefinition.taskRole;
    if (service.objects) this.grantObjects(service.objects, role);
    if (service.store.kind === 'postgres') {
      data.serviceSecrets[service.name]!.grantRead(role);
      deployable.service.connections.allowToDefaultPort(data.database as rds.IDatabaseInstance, `${service.name} to PostgreSQL`);
      return;
    }
    // By name, not by reference: the services stack then never pins the data stack's exports.
    const name = tableName(this.config, service.store);
    const table = dynamodb.Table.fromTableAttributes(this, `${service.name}Table`, {
      tableName: name,
      globalIndexes: Object.values(service.store.table.indexes).map((index) => index.name),
    });
    table.grantReadWriteData(role);
    const part = (value: string, token: string) => (Token.isUnresolved(value) ? token : value);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:${part(this.region, '<AWS::Region>')}:${part(this.account, '<AWS::AccountId>')}:table/${name}/index/*]`,
      reason: "The table's own secondary indexes, which DynamoDB names below the table ARN.",
    });
  }

  private eventsQueueUrl(): string {
    return `https://sqs.${this.region}.${this.urlSuffix}/${this.account}/${eventsQueueName(this.config)}`;
  }

  /**
   * A producer puts events on the bus only under its own source (the consumer trusts the source to say who reported
   * an event); the consumer reads and deletes its queue's messages. By name: no reference to the data stack.
   */
  private grantEvents(service: ApiService, role: iam.IRole): void {
    if (service.deliversTo.includes(eventBus.consumer)) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['events:PutEvents'],
          resources: [this.formatArn({ service: 'events', resource: 'event-bus', resourceName: eventBusName(this.config) })],
          conditions: { StringEquals: { 'events:source': eventSource(service) } },
        }),
      );
    }
    if (service.name === eventBus.consumer) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'],
          resources: [this.formatArn({ service: 'sqs', resource: eventsQueueName(this.config), arnFormat: ArnFormat.NO_RESOURCE_NAME })],
        }),
      );
    }
  }

  /** An event the consumer could not apply five times, or the bus could not deliver, waits in the dead-letter queue. */
  private alarmOnDeadLetters(alarmAction: actions.SnsAction): void {
    const alarm = new cloudwatch.Alarm(this, 'EventsDeadLettersAlarm', {
      alarmDescription: 'Platform events wait in the dead-letter queue: read them, fix the cause, then redrive them to the events queue.',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        dimensionsMap: { QueueName: eventsDeadLetterQueueName(this.config) },
        statistic: 'Maximum',
        period: Duration.minutes(1),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(alarmAction);
  }

  /** Send email through SESv2, only from the platform's identity and only as its sender address. */
  private grantMail(role: iam.IRole, mail: MailSettings): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [this.formatArn({ service: 'ses', resource: 'identity', resourceName: mail.domain })],
        conditions: { StringEquals: { 'ses:FromAddress': /<([^>]+)>/.exec(mail.from)?.[1] ?? mail.from } },
      }),
    );
  }

  /** Read, write and delete below the service's own prefixes of its bucket (by name: no reference to the data stack). */
  private grantObjects(objects: NonNullable<ApiService['objects']>, role: iam.IRole): void {
    const bucket = bucketName(this.config, objects, this);
    const resources = objects.prefixes.map((prefix) =>
      this.formatArn({ service: 's3', region: '', account: '', resource: bucket, resourceName: `${prefix}*` }),
    );
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources }));
    for (const prefix of objects.prefixes) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${bucketName(this.config, objects, {
          account: Token.isUnresolved(this.account) ? '<AWS::AccountId>' : this.account,
          region: Token.isUnresolved(this.region) ? '<AWS::Region>' : this.region,
        })}/${prefix}*]`,
        reason: 'Object keys are made at run time (one per photo) below the prefix the service owns; nothing else in the bucket.',
      });
    }
  }

  /**
   * The provision image as a one-off task, started by a custom resource on every deploy that changes its task
   * definition (a new image among others): each PostgreSQL service's role and schema from the catalog with its
   * secret's password, and the JWT signing key the first time. Services wait for it with readiness 'starting'.
   */
  private provisionOnDeploy(
    cluster: ecs.Cluster,
    image: ecs.ContainerImage,
    signingKey: secretsmanager.Secret,
    data: ServicesStackProps['data'],
  ): void {
    const task = new ecs.FargateTaskDefinition(this, 'ProvisionTask', {
      family: taskFamily(this.config, 'provision'),
      cpu: 256,
      memoryLimitMiB: 512,
    });
    task.addVolume({ name: 'tmp' });
    const serviceSecretArns = Object.fromEntries(postgresServices.map((s) => [s.name, data.serviceSecrets[s.name]!.secretArn]));
    task
      .addContainer('provision', {
        image,
        command: ['aws'],
        environment: {
          MASTER_SECRET_ARN: data.database.secret!.secretArn,
          SERVICE_SECRET_ARNS: Stack.of(this).toJsonString(serviceSecretArns),
          SIGNING_KEY_SECRET_ARN: signingKey.secretArn,
          DATABASE_SSL_CA_FILE: RDS_CA_FILE,
        },
        readonlyRootFilesystem: true,
        user: 'node',
        logging: ecs.LogDrivers.awsLogs({
          logGroup: new logs.LogGroup(this, 'ProvisionLogs', { retention: this.config.logRetention }),
          streamPrefix: 'provision',
        }),
      })
      .addMountPoints({ containerPath: '/tmp', sourceVolume: 'tmp', readOnly: false });
    data.database.secret!.grantRead(task.taskRole);
    for (const service of postgresServices) data.serviceSecrets[service.name]!.grantRead(task.taskRole);
    signingKey.grantRead(task.taskRole);
    signingKey.grantWrite(task.taskRole);
    Validations.of(task).acknowledge({ id: 'AwsSolutions-ECS2', reason: 'Secret ARNs only; the task reads the secrets themselves.' });
    Validations.of(task.obtainExecutionRole()).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ecr:GetAuthorizationToken (the only action on *) has no resource-level permissions in IAM.',
    });

    const securityGroup = new ec2.SecurityGroup(this, 'ProvisionSecurityGroup', { vpc: cluster.vpc, description: 'the provisioning task' });
    securityGroup.connections.allowToDefaultPort(data.database as rds.IDatabaseInstance, 'provisioning to PostgreSQL');
    const run = new cr.AwsCustomResource(this, 'ProvisionRun', {
      onUpdate: {
        service: 'ECS',
        action: 'runTask',
        parameters: {
          cluster: cluster.clusterName,
          taskDefinition: task.taskDefinitionArn,
          launchType: 'FARGATE',
          count: 1,
          networkConfiguration: {
            awsvpcConfiguration: {
              subnets: cluster.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnetIds,
              securityGroups: [securityGroup.securityGroupId],
              assignPublicIp: 'DISABLED',
            },
          },
        },
        physicalResourceId: cr.PhysicalResourceId.of(task.taskDefinitionArn),
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['ecs:RunTask'], resources: [task.taskDefinitionArn] }),
        new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [task.taskRole.roleArn, task.obtainExecutionRole().roleArn] }),
      ]),
      installLatestAwsSdk: false,
      logGroup: new logs.LogGroup(this, 'ProvisionRunLogs', { retention: this.config.logRetention }),
    });
    run.node.addDependency(task);
    // the stack's one custom-resource handler, which CDK creates as a singleton beside the resource
    const handler = this.node.tryFindChild(CUSTOM_RESOURCE_HANDLER);
    if (handler) {
      Validations.of(handler).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "CDK's custom-resource handler writes its own logs with the basic execution policy; its calls are scoped above.",
      });
    }
  }

  private addWaf(): void {
    const managed = (name: string, priority: number) => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
    });
    const acl = new wafv2.CfnWebACL(this, 'Waf', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'tutoring-platform', sampledRequestsEnabled: true },
      rules: [
        managed('AWSManagedRulesCommonRuleSet', 1),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
        {
          name: 'login-rate',
          priority: 3,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: 100,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: `${services.users.pathPrefix}/auth/login`,
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'login-rate', sampledRequestsEnabled: true },
        },
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'WafAssociation', { resourceArn: this.loadBalancer.loadBalancerArn, webAclArn: acl.attrArn });
  }

  private addDashboards(data: ServicesStackProps['data']): void {
    const platform = new cloudwatch.Dashboard(this, 'PlatformDashboard', { dashboardName: `tutoring-platform-${this.stackName}` });
    for (const [name, deployable] of Object.entries(this.deployables)) {
      const dashboard = new cloudwatch.Dashboard(this, `${name}Dashboard`, {
        dashboardName: `tutoring-platform-${this.stackName}-${name}`,
      });
      const widgets = [
        new cloudwatch.AlarmWidget({ title: `${name}: 5xx %`, alarm: deployable.alarms[0]! }),
        new cloudwatch.AlarmWidget({ title: `${name}: p99 latency`, alarm: deployable.alarms[1]! }),
        new cloudwatch.GraphWidget({
          title: `${name}: requests`,
          left: [deployable.blueTargetGroup.metrics.requestCount(), deployable.greenTargetGroup.metrics.requestCount()],
        }),
        new cloudwatch.GraphWidget({
          title: `${name}: CPU and memory`,
          left: [deployable.service.metricCpuUtilization(), deployable.service.metricMemoryUtilization()],
        }),
        new cloudwatch.GraphWidget({
          title: `${name}: tasks`,
          left: [
            new cloudwatch.Metric({
              namespace: 'ECS/ContainerInsights',
              metricName: 'RunningTaskCount',
              dimensionsMap: { ClusterName: deployable.service.cluster.clusterName, ServiceName: deployable.service.serviceName },
            }),
          ],
        }),
      ];
      dashboard.addWidgets(...widgets);
      platform.addWidgets(widgets[0]!, widgets[1]!);
    }
    const database = data.database;
    platform.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'PostgreSQL',
        left: [database.metricCPUUtilization(), database.metricDatabaseConnections()],
        right: [database.metricFreeableMemory()],
      }),
      ...Object.values(data.tables).map(
        (table) =>
          new cloudwatch.GraphWidget({
            title: `DynamoDB ${table!.tableName}`,
            left: [table!.metricConsumedReadCapacityUnits(), table!.metricConsumedWriteCapacityUnits()],
          }),
      ),
    );
  }
}
