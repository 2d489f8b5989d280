// The real groups app on the run's DynamoDB Local table, verifying tokens from the real users service.
import type { Express } from 'express';
import { startUsersTestServer, type TestAccount, type UsersTestServer } from '@tutoring-platform/users/testing';
import type { GroupsDependencies } from '../src/dependencies';
import { createGroupsTestApp } from '../src/testing/groups-test-server';

export { expectError } from '@tutoring-platform/testing';
export type { TestAccount };

export interface TestContext {
  app: Express;
  deps: GroupsDependencies;
  users: UsersTestServer;
  close(): Promise<void>;
}

/** The groups app; group sessions go to `tutoringApiUrl` (by default an address where nothing listens). */
export async function createTestContext(
  options: { users?: UsersTestServer; tutoringApiUrl?: string; outboxPartition?: string } = {},
): Promise<TestContext> {
  const users = options.users ?? (await startUsersTestServer());
  const { app, deps, db } = createGroupsTestApp(users, options);
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
