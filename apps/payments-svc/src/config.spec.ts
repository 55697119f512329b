import { ConfigValidationError } from '@checkout/platform';
import { loadPaymentsConfig } from './config';

describe('payments-svc configuration', () => {
  it('defaults to port 3003 and its own least-privilege role on localhost', () => {
    const config = loadPaymentsConfig({});
    expect(config.PORT).toBe(3003);
    expect(new URL(config.DATABASE_URL).username).toBe('payments_svc');
    expect(new URL(config.DATABASE_ADMIN_URL).hostname).toBe('127.0.0.1');
  });

  it('refuses a database URL that is not Postgres, naming the variable', () => {
    expect(() => loadPaymentsConfig({ DATABASE_URL: 'redis://127.0.0.1:6379' })).toThrow(ConfigValidationError);
    expect(() => loadPaymentsConfig({ DATABASE_URL: 'redis://127.0.0.1:6379' })).toThrow(/DATABASE_URL/);
  });
});
