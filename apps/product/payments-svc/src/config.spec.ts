import { ConfigValidationError } from '@checkout/platform';
import { loadPaymentsConfig } from './config';

describe('payments-svc configuration', () => {
  it('defaults to port 3003 and its own least-privilege role on localhost', () => {
    const config = loadPaymentsConfig({});
    expect(config.PORT).toBe(3003);
    expect(new URL(config.DATABASE_URL).username).toBe('payments_svc');
    // No admin login at run time: the one-shot migration has it (docs/decisions/0038).
    expect(config.DATABASE_ADMIN_URL).toBeUndefined();
    expect(config.DATABASE_MIGRATE_ON_START).toBe(false);
  });

  it('refuses a database URL that is not Postgres, naming the variable', () => {
    expect(() => loadPaymentsConfig({ DATABASE_URL: 'redis://127.0.0.1:6379' })).toThrow(ConfigValidationError);
    expect(() => loadPaymentsConfig({ DATABASE_URL: 'redis://127.0.0.1:6379' })).toThrow(/DATABASE_URL/);
  });
});

describe('payments-svc provider configuration', () => {
  it('points at the local sandbox with sandbox-only credentials by default', () => {
    expect(loadPaymentsConfig({})).toMatchObject({
      PSP_API_URL: 'http://127.0.0.1:3004',
      PSP_API_KEY: 'sk_test_sandbox_local_only_0000',
      PSP_WEBHOOK_SECRET: 'whsec_sandbox_local_only_0000000000',
      PSP_WEBHOOK_TOLERANCE_SECONDS: 300,
      CHECKOUT_RETURN_URL: 'http://127.0.0.1:3000/',
    });
  });

  it('accepts real Stripe test mode as plain configuration', () => {
    const config = loadPaymentsConfig({
      PSP_API_URL: 'https://api.stripe.com',
      PSP_API_KEY: 'sk_test_51AbCdEfGhIjKlMn',
      PSP_WEBHOOK_SECRET: 'whsec_from_the_stripe_dashboard',
    });
    expect(config.PSP_API_URL).toBe('https://api.stripe.com');
  });

  it("refuses the sandbox's published key and webhook secret with a provider not on this machine, naming each", () => {
    const attempt = () => loadPaymentsConfig({ PSP_API_URL: 'https://api.stripe.com' });
    expect(attempt).toThrow(ConfigValidationError);
    expect(attempt).toThrow(/PSP_API_KEY: expected a credential of your own/);
    expect(attempt).toThrow(/PSP_WEBHOOK_SECRET: expected a credential of your own/);
    expect(() => loadPaymentsConfig({ PSP_API_URL: 'http://psp-sandbox:3004', PSP_API_KEY: 'sk_test_51AbCdEfGhIjKlMn' })).toThrow(
      /PSP_WEBHOOK_SECRET: expected a credential of your own/,
    );
  });

  it('refuses a live key without echoing it', () => {
    const attempt = () => loadPaymentsConfig({ PSP_API_KEY: 'sk_live_51AbCdEfGhIjKlMn' });
    expect(attempt).toThrow('PSP_API_KEY: expected a test-mode key, never a live one (got "***")');
  });

  it('refuses a webhook secret shorter than 16 characters without echoing it', () => {
    expect(() => loadPaymentsConfig({ PSP_WEBHOOK_SECRET: 'whsec_short' })).toThrow(
      'PSP_WEBHOOK_SECRET: expected at least 16 characters (got "***")',
    );
  });

  it('refuses a provider URL with a path, which the SDK would silently ignore', () => {
    expect(() => loadPaymentsConfig({ PSP_API_URL: 'http://127.0.0.1:3004/v1' })).toThrow(
      /PSP_API_URL: expected a URL with no path/,
    );
  });

  it('refuses a webhook tolerance that is not a positive number of seconds', () => {
    expect(() => loadPaymentsConfig({ PSP_WEBHOOK_TOLERANCE_SECONDS: '0' })).toThrow(/PSP_WEBHOOK_TOLERANCE_SECONDS/);
  });
});
