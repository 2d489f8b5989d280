// Jest globalSetup: one throwaway PostgreSQL for the whole test run, each service with its own schema and role;
// DynamoDB Local, the S3-compatible object store and the development mail server beside it.
// Migrations run here, outside jest's module sandbox (node-pg-migrate is an ES module).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { postgresServices, services } from '@tutoring-platform/shared/catalog';
import {
  createTableInput,
  ensureTable,
  localBuckets,
  localDynamoDbClient,
  localObjectStoreCredentials,
  startMailServer,
  startObjectStore,
  type RunningMailServer,
  type RunningObjectStore,
} from '@tutoring-platform/provision';
import { startDynamoDbLocal, type RunningDynamoDb } from './dynamodb-local';
import type { RunningPostgres } from './embedded-postgres';
import { freePort } from './processes';
import { startThrowawayPostgres, testDatabaseUrlVariable } from './throwaway-postgres';

declare global {
  var testPostgres: RunningPostgres | undefined;
  var testDynamoDb: RunningDynamoDb | undefined;
  var testObjectStore: (RunningObjectStore & { dataDir: string }) | undefined;
  var testMailServer: (RunningMailServer & { dataDir: string }) | undefined;
}

export const TEST_GROUPS_TABLE = 'groups-test';

export default async function globalSetup(): Promise<void> {
  // DynamoDB Local (in memory) starts while PostgreSQL initialises.
  const dynamo = freePort().then((port) => startDynamoDbLocal({ port }));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tutoring-objects-'));
  globalThis.testObjectStore = { ...(await startObjectStore({ port: 0, dataDir, buckets: localBuckets() })), dataDir };
  process.env.TEST_S3_ENDPOINT = globalThis.testObjectStore.endpoint;
  process.env.TEST_S3_ACCESS_KEY_ID = localObjectStoreCredentials.accessKeyId;
  process.env.TEST_S3_SECRET_ACCESS_KEY = localObjectStoreCredentials.secretAccessKey;
  const mailDir = mkdtempSync(path.join(tmpdir(), 'tutoring-mail-'));
  const [smtpPort, webPort] = [await freePort(), await freePort()];
  globalThis.testMailServer = { ...(await startMailServer({ smtpPort, webPort, dataDir: mailDir })), dataDir: mailDir };
  process.env.TEST_SMTP_URL = globalThis.testMailServer.smtpUrl;
  process.env.TEST_MAIL_WEB_URL = globalThis.testMailServer.webUrl;
  const { postgres, serviceUrls } = await startThrowawayPostgres();
  globalThis.testPostgres = postgres;
  process.env.TEST_POSTGRES_ADMIN_URL = postgres.url();
  for (const { name } of postgresServices) process.env[testDatabaseUrlVariable(name)] = serviceUrls[name];
  const dynamoDb = await dynamo;
  globalThis.testDynamoDb = dynamoDb;
  const client = localDynamoDbClient(dynamoDb.endpoint);
  try {
    await ensureTable(client, createTableInput(TEST_GROUPS_TABLE, services.groups.store.table));
  } finally {
    client.destroy();
  }
  process.env.TEST_DYNAMODB_ENDPOINT = dynamoDb.endpoint;
  process.env.TEST_GROUPS_TABLE = TEST_GROUPS_TABLE;
}
