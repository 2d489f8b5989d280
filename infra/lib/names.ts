// Names several stacks must agree on without referencing each other (a reference would tie their lifecycles).
import type { DynamoDbStore, ObjectStore } from '@tutoring-platform/shared/catalog';
import type { EnvironmentConfig } from './config/environments';

export const platform = 'tutoring-platform';

/** The DynamoDB table of a store in an environment, e.g. tutoring-platform-prod-groups. */
export const tableName = (config: Pick<EnvironmentConfig, 'name'>, store: DynamoDbStore) =>
  `${platform}-${config.name}-${store.localTableName.replace(`${platform}-`, '')}`;

/**
 * The bucket of an object store in an environment, e.g. tutoring-platform-prod-photos-<account>-<region>: bucket
 * names are global, so the account and region make it the platform's own.
 */
export const bucketName = (config: Pick<EnvironmentConfig, 'name'>, objects: ObjectStore, stack: { account: string; region: string }) =>
  `${platform}-${config.name}-${objects.localBucketName.replace(`${platform}-`, '')}-${stack.account}-${stack.region}`;

/** The EventBridge bus that carries the platform's events to their consumer (the catalog's `eventBus`). */
export const eventBusName = (config: Pick<EnvironmentConfig, 'name'>) => `${platform}-${config.name}-events`;

/** The consumer's SQS queue, which the bus's rule fills, and its dead-letter queue. */
export const eventsQueueName = (config: Pick<EnvironmentConfig, 'name'>) => `${platform}-${config.name}-events`;
export const eventsDeadLetterQueueName = (config: Pick<EnvironmentConfig, 'name'>) => `${platform}-${config.name}-events-dead-letters`;

/** The explicit task-definition family of a deployable: the pipeline registers revisions of the same family. */
export const taskFamily = (config: Pick<EnvironmentConfig, 'name'>, deployable: string) => `${platform}-${config.name}-${deployable}`;

/** The database every PostgreSQL service's schema lives in. */
export const databaseName = 'platform';

/** The Lambda function CodeDeploy calls after the replacement tasks get test traffic. */
export const smokeTestFunctionName = (config: Pick<EnvironmentConfig, 'name'>) => `${platform}-${config.name}-smoke-test`;

/** The CodeDeploy deployment group of a deployable; the smoke test maps it back to the deployable. */
export const deploymentGroupName = (config: Pick<EnvironmentConfig, 'name'>, deployable: string) =>
  `${platform}-${config.name}-${deployable}`;
