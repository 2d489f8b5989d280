// `npm run test:containers`: the platform in Docker (needs a daemon; .ci/run provides one). Not part of `npm test`.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  roots: ['<rootDir>/containers'],
  testMatch: ['**/*.containers.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../../tsconfig.test.json' }] },
  testTimeout: 120000,
};
