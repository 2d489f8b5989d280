// Composition root: the repository and settings one process (or one test) uses.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PublicKeyResolver, TokenSettings } from '@tutoring-platform/shared';
import { GroupRepository } from './data/group-repository';

export interface GroupsDependencies {
  groups: GroupRepository;
  resolveKey: PublicKeyResolver;
  tokens: TokenSettings;
}

export interface DynamoSettings {
  region: string;
  /** DynamoDB Local's address; absent in AWS, where the SDK's own endpoint and the task role apply. */
  endpoint?: string | undefined;
}

export function createDynamoClient(settings: DynamoSettings): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function createDependencies(
  db: DynamoDBDocumentClient,
  options: { table: string; resolveKey: PublicKeyResolver; tokens: TokenSettings },
): GroupsDependencies {
  return { groups: new GroupRepository(db, options.table), resolveKey: options.resolveKey, tokens: options.tokens };
}
