// Public entry of the PostgreSQL plumbing.
export * from './config';
export * from './database';
export * from './open-postgres';
export * from './outbox';
