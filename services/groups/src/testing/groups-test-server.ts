// The real groups app on the run's DynamoDB Local table (TEST_GROUPS_TABLE, created by the jest global setup), for its
// own tests and for tests across services; its outbox relay delivers to the peers it is given.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  Lifecycle,
  OutboxRelay,
  clientCredentials,
  createLogger,
  httpEventDelivery,
  jwksKeyResolver,
  polledRevocations,
  portOf,
  revocationsBeside,
  startServer,
  stopServer,
  type RelaySettings,
} from '@tutoring-platform/shared';
import type { Express } from 'express';
import { createApp } from '../app';
import { createDependencies, createDynamoClient, type GroupsDependencies } from '../dependencies';

/** What the groups service needs of the users service in tests. */
export interface TestUsersService {
  baseUrl: string;
  jwksUrl: string;
  issuer: string;
  audience: string;
  clientSecret(client: string): string;
}

export interface GroupsTestApp {
  app: Express;
  deps: GroupsDependencies;
  db: DynamoDBDocumentClient;
}

/** The app without a port; group sessions go to `tutoringApiUrl` (by default an address where nothing listens). */
export function createGroupsTestApp(
  users: TestUsersService,
  options: { tutoringApiUrl?: string; outboxPartition?: string } = {},
): GroupsTestApp {
  const table = process.env.TEST_GROUPS_TABLE;
  if (!table) throw new Error('TEST_GROUPS_TABLE is not set: run tests through jest with the global setup');
  const logger = createLogger('groups-test', 'silent');
  const db = createDynamoClient({ region: 'eu-west-1', endpoint: process.env.TEST_DYNAMODB_ENDPOINT, logger });
  const deps = createDependencies(db, {
    table,
    resolveKey: jwksKeyResolver(users.jwksUrl),
    tokens: { issuer: users.issuer, audience: users.audience, revocations: polledRevocations(revocationsBeside(users.jwksUrl), 200) },
    tutoringApiUrl: options.tutoringApiUrl ?? 'http://127.0.0.1:9/api/tutoring',
    ...(options.outboxPartition ? { outboxPartition: options.outboxPartition } : {}),
    // each app's reminders apart: a suite's reminder round sends its own meetings' only
    reminderPartition: `MEETING-REMINDERS#${randomUUID()}`,
  });
  const app = createApp(deps, { logger, lifecycle: new Lifecycle(), readiness: {}, bodyLimit: '100kb', rateLimitPerMinute: 1_000_000 });
  return { app, deps, db };
}

/** The outbox relay to the notifications service at `notificationsApiUrl`, with a service token from `users`. */
export function groupsTestRelay(
  deps: GroupsDependencies,
  users: TestUsersService,
  notificationsApiUrl: string,
  settings: RelaySettings = { pollMs: 50, retryBaseMs: 100, retryMaxMs: 2_000 },
): OutboxRelay {
  const tokens = clientCredentials(users.baseUrl, 'groups', users.clientSecret('groups'));
  const notifications = httpEventDelivery(notificationsApiUrl, 'groups', tokens);
  return new OutboxRelay(deps.outbox, { notifications }, createLogger('groups-test', 'silent'), settings);
}

export interface GroupsTestServer {
  baseUrl: string;
  deps: GroupsDependencies;
  close(): Promise<void>;
}

/**
 * Listening on an ephemeral port, its relay delivering to `notificationsApiUrl`. Its outbox is a partition of its own
 * in the run's table: other suites' events are not delivered, nor these tests' queued behind theirs.
 */
export async function startGroupsTestServer(options: { users: TestUsersService; notificationsApiUrl: string }): Promise<GroupsTestServer> {
  const { app, deps, db } = createGroupsTestApp(options.users, { outboxPartition: `OUTBOX#${randomUUID()}` });
  const relay = groupsTestRelay(deps, options.users, options.notificationsApiUrl);
  relay.start();
  const server: Server = await startServer(app, 0, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${portOf(server)}/api/groups`,
    deps,
    async close() {
      await relay.stop();
      await stopServer(server, 1000);
      db.destroy();
    },
  };
}

/** One round of meeting reminders at a chosen instant, as the service's poll runs it. */
export { sendDueMeetingReminders } from '../domain/remind-meetings';
