// Test helpers shared by every service's tests.
export * from './bad-input';
export * from './expect-error';
