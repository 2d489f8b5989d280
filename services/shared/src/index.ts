// Public entry of the shared service plumbing.
export * from './api';
export * from './auth';
export * from './config';
export * from './dependency-breaker';
export * from './errors';
export * from './events';
export * from './event-bus';
export * from './http-server';
export * from './keyed-queues';
export * from './logger';
export * from './outbox-relay';
export * from './service-app';
export * from './validation';
export * from './service-runner';
