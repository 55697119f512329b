import { z } from 'zod';
import { ConfigValidationError, env, loadConfig } from './env';

const schema = z.object({
  PORT: env.port(3000),
  DATABASE_URL: env.url(['postgres:'], 'postgres://u:p@localhost:5432/db'),
  FEATURE_ON: env.flag(false),
  WEBHOOK_SECRET: env.secret('a-default-secret-value'),
});

describe('loading configuration from the environment', () => {
  it('uses the defaults when nothing is set, and treats empty values as unset', () => {
    expect(loadConfig(schema, { PORT: '' })).toEqual({
      PORT: 3000,
      DATABASE_URL: 'postgres://u:p@localhost:5432/db',
      FEATURE_ON: false,
      WEBHOOK_SECRET: 'a-default-secret-value',
    });
  });

  it('coerces numbers and flags from their string form', () => {
    const config = loadConfig(schema, { PORT: '8080', FEATURE_ON: 'true' });
    expect(config.PORT).toBe(8080);
    expect(config.FEATURE_ON).toBe(true);
  });

  it('names every bad variable, what it expects and what it got', () => {
    const attempt = () => loadConfig(schema, { PORT: '70000', DATABASE_URL: 'mysql://x', FEATURE_ON: 'yes' });
    expect(attempt).toThrow(ConfigValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigValidationError).problems).toEqual([
        'PORT: expected a TCP port number (1-65535) (got "70000")',
        'DATABASE_URL: expected a URL starting with postgres:// (got "mysql://x")',
        'FEATURE_ON: expected true or false (got "yes")',
      ]);
    }
  });

  it('never echoes a secret back in the error', () => {
    expect(() => loadConfig(schema, { WEBHOOK_SECRET: 'short' })).toThrow(
      'WEBHOOK_SECRET: expected at least 16 characters (got "***")',
    );
  });

  it('rejects a port that is not a whole number', () => {
    expect(() => loadConfig(schema, { PORT: '30.5' })).toThrow(/PORT: expected a TCP port number/);
  });
});

describe('a duration in milliseconds (the drain settings)', () => {
  const durations = z.object({ SHUTDOWN_DELAY_MS: env.milliseconds(1000) });

  it('accepts zero, for no delay at all, and defaults when unset', () => {
    expect(loadConfig(durations, { SHUTDOWN_DELAY_MS: '0' }).SHUTDOWN_DELAY_MS).toBe(0);
    expect(loadConfig(durations, {}).SHUTDOWN_DELAY_MS).toBe(1000);
  });

  it('refuses a negative or fractional one', () => {
    expect(() => loadConfig(durations, { SHUTDOWN_DELAY_MS: '-1' })).toThrow('expected a duration in milliseconds (0 or more)');
    expect(() => loadConfig(durations, { SHUTDOWN_DELAY_MS: '1.5' })).toThrow('expected a duration in milliseconds (0 or more)');
  });
});
