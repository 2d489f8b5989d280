// How every jest configuration of the repository compiles: TypeScript with ts-jest, and the few dependencies that
// ship only as ES modules (otplib's hash and base32 libraries) with esbuild, since jest cannot require ES modules
// on Node 22.
const path = require('node:path');

const esModules = '@(scure|noble)';

module.exports = {
  /** The transforms, with the tsconfig the TypeScript is checked against. */
  transform: (tsconfig) => ({
    '^.+\\.ts$': ['ts-jest', { tsconfig }],
    [`/node_modules/${esModules}/.+\\.js$`]: path.join(__dirname, 'jest-esm-transform.cjs'),
  }),
  /** node_modules stay as they are, except the ES-module-only ones (nested ones too). */
  transformIgnorePatterns: [`^(?!.*/node_modules/${esModules}/).*/node_modules/`],
};
