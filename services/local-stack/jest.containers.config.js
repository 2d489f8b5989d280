// `npm run test:containers`: the platform in Docker (needs a daemon; .ci/run provides one). Not part of `npm test`.
const { transform, transformIgnorePatterns } = require('../testing/jest-transform.cjs');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  roots: ['<rootDir>/containers'],
  testMatch: ['**/*.containers.test.ts'],
  transform: transform('<rootDir>/../../tsconfig.test.json'),
  transformIgnorePatterns,
  testTimeout: 120000,
};
