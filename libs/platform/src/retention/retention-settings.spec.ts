import { z } from 'zod';
import { ConfigValidationError, loadConfig } from '../config/env';
import { retentionOptions, retentionSettings } from './retention-settings';

const schema = z.object(retentionSettings());

describe('the retention settings', () => {
  it('default to a day, looked at every five minutes, 500 rows a batch, no vacuum login', () => {
    expect(retentionOptions(loadConfig(schema, {}))).toEqual({
      retentionSeconds: 86_400,
      intervalMs: 300_000,
      batchSize: 500,
      pauseMs: 100,
      vacuumUrl: undefined,
    });
  });

  it.each([
    ['CHECKOUT_RETENTION_SECONDS', '5', /CHECKOUT_RETENTION_SECONDS: expected whole seconds \(10 or more\)/],
    ['CHECKOUT_RETENTION_SECONDS', 'a day', /CHECKOUT_RETENTION_SECONDS: expected whole seconds/],
    ['RETENTION_BATCH_SIZE', '0', /RETENTION_BATCH_SIZE: expected a positive whole number/],
    ['RETENTION_VACUUM_URL', 'http://127.0.0.1/', /RETENTION_VACUUM_URL: expected a URL starting with postgres:\/\/ or postgresql:\/\//],
  ])('refuse %s=%s with a message naming the setting', (name, value, message) => {
    expect(() => loadConfig(schema, { [name]: value })).toThrow(ConfigValidationError);
    expect(() => loadConfig(schema, { [name]: value })).toThrow(message);
  });
});
