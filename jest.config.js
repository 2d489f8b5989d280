// One jest run over every workspace; one PostgreSQL for the whole run (globalSetup), each workspace a project.
const workspaces = ['shared', 'testing', 'client', 'web', 'provision', 'users', 'tutoring', 'groups', 'notifications', 'local-stack'];

const { transform, transformIgnorePatterns } = require('./services/testing/jest-transform.cjs');

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/services/testing/dist/jest-global-setup.js',
  globalTeardown: '<rootDir>/services/testing/dist/jest-global-teardown.js',
  maxWorkers: 2,
  testTimeout: 30000,
  projects: [
    ...workspaces.map((name) => ({
      displayName: name,
      rootDir: `<rootDir>/services/${name}`,
      testEnvironment: 'node',
      roots: ['<rootDir>/test', '<rootDir>/src'],
      testMatch: ['**/*.test.ts'],
      transform: transform('<rootDir>/../../tsconfig.test.json'),
      transformIgnorePatterns,
      setupFilesAfterEnv: ['<rootDir>/../testing/dist/jest-contract-check.js'],
    })),
    // the CDK app, synthesised offline
    {
      displayName: 'infra',
      rootDir: '<rootDir>/infra',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      transform: transform('<rootDir>/../tsconfig.test.json'),
      transformIgnorePatterns,
    },
    // the web app in Chromium against the whole local stack (component tests run on Vitest)
    {
      displayName: 'web-e2e',
      rootDir: '<rootDir>/frontend',
      testEnvironment: 'node',
      roots: ['<rootDir>/e2e'],
      testMatch: ['**/*.e2e.test.ts'],
      transform: transform('<rootDir>/../tsconfig.test.json'),
      transformIgnorePatterns,
    },
  ],
};
