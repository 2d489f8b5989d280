// The real groups app on the run's DynamoDB Local table, verifying tokens from the real users service.
import type { Express } from 'express';
import { Lifecycle, createLogger, jwksKeyResolver, polledRevocations, revocationsBeside } from '@tutoring-platform/shared';
import { startUsersTestServer, type TestAccount, type UsersTestServer } from '@tutoring-platform/users/testing';
import { createApp } from '../src/app';
import { createDependencies, createDynamoClient, type GroupsDependencies } from '../src/dependencies';

export { expectError } from '@tutoring-platform/testing';
export type { TestAccount };

export interface TestContext {
  app: Express;
  deps: GroupsDependencies;
  users: UsersTestServer;
  close(): Promise<void>;
}

/** The groups app; group sessions go to `tutoringApiUrl` (by default an address where nothing listens). */
export async function createTestContext(options: { users?: UsersTestServer; tutoringApiUrl?: string } = {}): Promise<TestContext> {
  const users = options.users ?? (await startUsersTestServer());
  const db = createDynamoClient({
    region: 'eu-west-1',
    endpoint: process.env.TEST_DYNAMODB_ENDPOINT,
    logger: createLogger('groups-test', 'silent'),
  });
  const deps = createDependencies(db, {
    table: process.env.TEST_GROUPS_TABLE!,
    resolveKey: jwksKeyResolver(users.jwksUrl),
    tokens: { issuer: users.issuer, audience: users.audience, revocations: polledRevocations(revocationsBeside(users.jwksUrl), 200) },
    tutoringApiUrl: options.tutoringApiUrl ?? 'http://127.0.0.1:9/api/tutoring',
  });
  const app = createApp(deps, {
    logger: createLogger('groups-test', 'silent'),
    lifecycle: new Lifecycle(),
    readiness: {},
    bodyLimit: '100kb',
    rateLimitPerMinute: 1_000_000,
  });
  return {
    app,
    deps,
    users,
    async close() {
      db.destroy();
      if (!options.users) await users.close();
    },
  };
}

export const auth = (account: { accessToken: string }) => ({ Authorization: `Bearer ${account.accessToken}` });
