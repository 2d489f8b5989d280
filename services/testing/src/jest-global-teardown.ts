export default async function globalTeardown(): Promise<void> {
  await Promise.all([globalThis.testPostgres?.stop(), globalThis.testDynamoDb?.stop()]);
}
