import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await Promise.all([
    globalThis.testPostgres?.stop(),
    globalThis.testDynamoDb?.stop(),
    globalThis.testObjectStore?.stop(),
    globalThis.testMailServer?.stop(),
  ]);
  if (globalThis.testObjectStore) rmSync(globalThis.testObjectStore.dataDir, { recursive: true, force: true });
  if (globalThis.testMailServer) rmSync(globalThis.testMailServer.dataDir, { recursive: true, force: true });
}
