// What the local stack, test runs and tools reuse from provisioning.
export * from './aws-provisioning';
export * from './demo-seed';
export * from './dynamodb-tables';
export * from './local-secrets';
export * from './postgres-schemas';
export * from './object-store';
export * from './mail-server';
