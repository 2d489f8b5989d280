// One jest run over every workspace; one PostgreSQL for the whole run (globalSetup), each project its own tests.
/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/services/local-stack/dist/testing/jest-global-setup.js',
  globalTeardown: '<rootDir>/services/local-stack/dist/testing/jest-global-teardown.js',
  projects: ['<rootDir>/services/*/jest.config.js'],
  maxWorkers: 2,
  testTimeout: 30000,
};
