import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, env, loadConfig } from '../src';

const schema = z.object({
  PORT: env.port(3000),
  API_SECRET: env.secret(),
  DEBUG: env.bool(false),
  RATE: env.int(10, 1),
});

describe('loadConfig', () => {
  it('when everything is valid, then typed values with defaults for non-secrets', () => {
    expect(loadConfig(schema, { API_SECRET: 's3cret', DEBUG: 'true' })).toEqual({
      PORT: 3000,
      API_SECRET: 's3cret',
      DEBUG: true,
      RATE: 10,
    });
  });

  it('when several keys are wrong or missing, then one error lists every one of them', () => {
    let error: unknown;
    try {
      loadConfig(schema, { PORT: '99999', DEBUG: 'maybe', RATE: '0' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.split(':')[0]).sort();
    expect(problems).toEqual(['API_SECRET', 'DEBUG', 'PORT', 'RATE']);
  });

  it('when a secret is an empty string, then it is refused rather than defaulted', () => {
    expect(() => loadConfig(schema, { API_SECRET: '' })).toThrow(/API_SECRET/);
  });

  it('when a secret is given as NAME_FILE, then the file’s content is the value, and a missing file is listed with the rest', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tp-config-'));
    writeFileSync(path.join(dir, 'api-secret'), 'from-a-file\n');
    expect(loadConfig(schema, { API_SECRET_FILE: path.join(dir, 'api-secret') }).API_SECRET).toBe('from-a-file');

    let error: unknown;
    try {
      loadConfig(schema, { API_SECRET_FILE: path.join(dir, 'missing'), PORT: 'x' });
    } catch (err) {
      error = err;
    }
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^API_SECRET_FILE: cannot read .*missing \(ENOENT\)$/)]));
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['API_SECRET', 'API_SECRET_FILE', 'PORT']);
  });

  it('when both NAME and NAME_FILE are set, then that is refused', () => {
    expect(() => loadConfig(schema, { API_SECRET: 'a', API_SECRET_FILE: '/dev/null' })).toThrow(/set either API_SECRET or API_SECRET_FILE/);
  });
});
