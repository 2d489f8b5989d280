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
});
