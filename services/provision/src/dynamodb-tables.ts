// Creates the DynamoDB tables of the catalog (locally: DynamoDB Local; the CDK app builds the same keys in AWS).
import {
  CreateTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  type CreateTableCommandInput,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import { apiServices, type DynamoDbStore, type TableDefinition } from '@tutoring-platform/shared/catalog';

/** The catalog's table definition as DynamoDB's CreateTable input: string keys, indexes projecting everything. */
export function createTableInput(tableName: string, table: TableDefinition): CreateTableCommandInput {
  const indexes = Object.values(table.indexes);
  const attributes = [table.partitionKey, table.sortKey, ...indexes.flatMap((index) => [index.partitionKey, index.sortKey])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...new Set(attributes)].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: table.partitionKey, KeyType: 'HASH' },
      { AttributeName: table.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}

/** DynamoDB Local accepts any credentials; these name the local account. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
export const localRegion = 'eu-west-1';

/** Creates the table unless it exists already. */
export async function ensureTable(client: DynamoDBClient, input: CreateTableCommandInput): Promise<void> {
  try {
    await client.send(new CreateTableCommand(input));
  } catch (err) {
    if (!(err instanceof ResourceInUseException)) throw err;
  }
}

/** A client for DynamoDB Local at `endpoint`. */
export const localDynamoDbClient = (endpoint: string, extra: DynamoDBClientConfig = {}) =>
  new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials, ...extra });

/** Every DynamoDB store of the catalog under its local table name, or the name `tableName` gives it. */
export async function ensureCatalogTables(
  client: DynamoDBClient,
  tableName: (store: DynamoDbStore) => string = (store) => store.localTableName,
): Promise<void> {
  for (const { store } of apiServices) {
    if (store.kind === 'dynamodb') await ensureTable(client, createTableInput(tableName(store), store.table));
  }
}
