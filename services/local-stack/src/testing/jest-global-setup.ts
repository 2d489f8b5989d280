// Jest globalSetup: one throwaway PostgreSQL for the whole test run, each service with its own schema and role.
// Migrations run here, outside jest's module sandbox (node-pg-migrate is an ES module).
import { groupsTableDefinition } from '@tutoring-platform/groups/table';
import { ensureTable, startDynamoDbLocal, type RunningDynamoDb } from '../dynamodb-local';
import type { RunningPostgres } from '../embedded-postgres';
import { postgresServices, testDatabaseUrlVariable } from '../postgres-services';
import { freePort, startThrowawayPostgres } from '../throwaway-postgres';

declare global {
  var testPostgres: RunningPostgres | undefined;
  var testDynamoDb: RunningDynamoDb | undefined;
}

export const TEST_GROUPS_TABLE = 'groups-test';

export default async function globalSetup(): Promise<void> {
  // DynamoDB Local (in memory) starts while PostgreSQL initialises.
  const dynamo = freePort().then((port) => startDynamoDbLocal({ port }));
  const { postgres, serviceUrls } = await startThrowawayPostgres();
  globalThis.testPostgres = postgres;
  process.env.TEST_POSTGRES_ADMIN_URL = postgres.url();
  for (const { service } of postgresServices) process.env[testDatabaseUrlVariable(service)] = serviceUrls[service];
  const dynamoDb = await dynamo;
  globalThis.testDynamoDb = dynamoDb;
  await ensureTable(dynamoDb.endpoint, groupsTableDefinition(TEST_GROUPS_TABLE));
  process.env.TEST_DYNAMODB_ENDPOINT = dynamoDb.endpoint;
  process.env.TEST_GROUPS_TABLE = TEST_GROUPS_TABLE;
}
