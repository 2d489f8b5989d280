// Public entry of the shared service plumbing.
export * from './api';
export * from './auth';
export * from './config';
export * from './database';
export * from './errors';
export * from './http-server';
export * from './logger';
export * from './route-table';
export * from './service-app';
export * from './validation';
export * from './service-runner';
