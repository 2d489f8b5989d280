// What tests and tools reuse from the local stack.
export * from './dynamodb-local';
export * from './embedded-postgres';
export * from './local-secrets';
export * from './postgres-services';
export * from './throwaway-postgres';
export { percentile, sequentialLatencies, spawnNode, stopProcess, waitForOk } from './service-process';
