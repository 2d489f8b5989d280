// Data: RDS PostgreSQL 17 (isolated, encrypted) with a rotated master secret and one secret per service role
// from the catalog, the DynamoDB tables from the catalog's definitions, the object stores' private buckets, and an
// ECR repository per deployable, and the event bus with its consumer's queues.
// Stateful, so termination protection is on and nothing here is replaced by a services change.
import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import {
  apiServices,
  eventProducers,
  eventSource,
  objectStoreServices,
  postgresServices,
  type ServiceName,
} from '@tutoring-platform/shared/catalog';
import type { EnvironmentConfig } from '../config/environments';
import { accessLogBucket } from '../constructs/access-log-bucket';
import { bucketName, databaseName, eventBusName, eventsDeadLetterQueueName, eventsQueueName, tableName } from '../names';

export interface DataStackProps extends StackProps {
  config: EnvironmentConfig;
  vpc: ec2.IVpc;
  dynamoDbEndpoint: ec2.GatewayVpcEndpoint;
}

/** Every image the platform deploys: the API services, the web app and the provisioning task. */
export const deployables = [...apiServices.map((s) => s.name), 'web', 'provision'] as const;

export class DataStack extends Stack {
  readonly database: rds.DatabaseInstance;
  /** Each PostgreSQL service's own credentials (its role, host, port, database), by service name. */
  readonly serviceSecrets: Partial<Record<ServiceName, secretsmanager.ISecret>> = {};
  readonly tables: Partial<Record<ServiceName, dynamodb.TableV2>> = {};
  readonly buckets: Partial<Record<ServiceName, s3.Bucket>> = {};
  readonly repositories: Record<string, ecr.Repository> = {};
  readonly eventBus: events.EventBus;
  readonly eventsQueue: sqs.Queue;
  readonly eventsDeadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, { ...props, terminationProtection: true });
    const { config, vpc } = props;

    this.database = new rds.DatabaseInstance(this, 'Postgres', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17_9 }),
      instanceType: new ec2.InstanceType(config.database.instanceClass),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      publiclyAccessible: false,
      storageEncrypted: true,
      allocatedStorage: config.database.allocatedStorageGiB,
      multiAz: config.database.multiAz,
      databaseName,
      credentials: rds.Credentials.fromGeneratedSecret('postgres'),
      backupRetention: config.database.backupRetention,
      deletionProtection: config.database.deletionProtection,
      removalPolicy: config.database.removalPolicy,
      enablePerformanceInsights: true,
      cloudwatchLogsExports: ['postgresql'],
      iamAuthentication: false,
    });
    Validations.of(this.database).acknowledge({
      id: 'AwsSolutions-RDS11',
      reason: 'The default port is not a secret: the database is reachable only from the two task security groups.',
    });
    if (!config.database.multiAz) {
      Validations.of(this.database).acknowledge({ id: 'AwsSolutions-RDS3', reason: 'dev runs single-AZ for cost; prod is Multi-AZ.' });
    }
    if (!config.database.deletionProtection) {
      Validations.of(this.database).acknowledge({
        id: 'AwsSolutions-RDS10',
        reason: 'dev databases may be deleted (a final snapshot is kept); prod has deletion protection.',
      });
    }
    this.database.addRotationSingleUser({ automaticallyAfter: Duration.days(30) });

    // One role per PostgreSQL service, its password rotated by the master credentials; the provisioning task
    // creates the roles and schemas from these secrets and the catalog.
    for (const service of postgresServices) {
      const secret = new rds.DatabaseSecret(this, `${service.name}Secret`, {
        username: service.store.role,
        dbname: databaseName,
        masterSecret: this.database.secret,
      }).attach(this.database);
      this.database.addRotationMultiUser(`${service.name}Rotation`, { secret, automaticallyAfter: Duration.days(30) });
      this.serviceSecrets[service.name] = secret;
    }

    for (const service of apiServices) {
      if (service.store.kind !== 'dynamodb') continue;
      const { table } = service.store;
      const key = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
      const created = new dynamodb.TableV2(this, `${service.name}Table`, {
        tableName: tableName(config, service.store),
        partitionKey: key(table.partitionKey),
        sortKey: key(table.sortKey),
        globalSecondaryIndexes: Object.values(table.indexes).map((index) => ({
          indexName: index.name,
          partitionKey: key(index.partitionKey),
          sortKey: key(index.sortKey),
        })),
        billing: dynamodb.Billing.onDemand(),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      this.tables[service.name] = created;
    }

    // Private buckets: objects reach people only through their service, which checks who may see them.
    const objectAccessLogs = objectStoreServices.length > 0 ? accessLogBucket(this, 'ObjectAccessLogs') : undefined;
    for (const service of objectStoreServices) {
      this.buckets[service.name] = new s3.Bucket(this, `${service.name}Objects`, {
        bucketName: bucketName(config, service.objects, this),
        encryption: s3.BucketEncryption.S3_MANAGED,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        enforceSSL: true,
        serverAccessLogsBucket: objectAccessLogs,
        serverAccessLogsPrefix: `${service.name}/`,
        lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
        removalPolicy: RemovalPolicy.RETAIN,
      });
    }

    // The platform's events for their consumer (catalog: eventBus). The producers' outboxes settle an event once the
    // bus took it, so from there on the bus and the queue keep it: 14 days in the queue, and a message the consumer
    // could not apply in 5 receipts (or the rule could not deliver) goes to the dead-letter queue, whose alarm calls
    // a person (services stack).
    this.eventsDeadLetters = new sqs.Queue(this, 'EventsDeadLetters', {
      queueName: eventsDeadLetterQueueName(config),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.eventsDeadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'It is the dead-letter queue.' });
    this.eventsQueue = new sqs.Queue(this, 'EventsQueue', {
      queueName: eventsQueueName(config),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // longer than applying a batch takes; an event that must wait is made visible sooner by the consumer
      visibilityTimeout: Duration.seconds(60),
      deadLetterQueue: { queue: this.eventsDeadLetters, maxReceiveCount: 5 },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.eventBus = new events.EventBus(this, 'EventBus', { eventBusName: eventBusName(config) });
    new events.Rule(this, 'EventsToConsumer', {
      eventBus: this.eventBus,
      description: 'every event of the platform’s producers, to the consumer’s queue',
      eventPattern: { source: eventProducers.map((service) => eventSource(service)) },
      targets: [
        new targets.SqsQueue(this.eventsQueue, {
          deadLetterQueue: this.eventsDeadLetters,
          retryAttempts: 185,
          maxEventAge: Duration.hours(24),
        }),
      ],
    });

    for (const name of deployables) {
      this.repositories[name] = new ecr.Repository(this, `${name}Repository`, {
        repositoryName: `tutoring-platform/${name}`,
        imageTagMutability: ecr.TagMutability.IMMUTABLE,
        imageScanOnPush: true,
        lifecycleRules: [{ description: 'keep the last 30 images', maxImageCount: 30 }],
        removalPolicy: RemovalPolicy.RETAIN,
      });
    }
  }
}

/** The gateway endpoint's policy, limited to the platform's tables (built from names, so no stack cycle). */
export function scopeDynamoDbEndpoint(endpoint: ec2.GatewayVpcEndpoint, config: EnvironmentConfig): void {
  const stack = Stack.of(endpoint);
  const arns = apiServices.flatMap((s) => {
    if (s.store.kind !== 'dynamodb') return [];
    const arn = stack.formatArn({ service: 'dynamodb', resource: 'table', resourceName: tableName(config, s.store) });
    return [arn, `${arn}/index/*`];
  });
  endpoint.addToPolicy(
    new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: [
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:Query',
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DescribeTable',
      ],
      resources: arns,
    }),
  );
}
