import { ConfigValidationError } from '@checkout/platform';
import { loadPspSandboxConfig } from './config';

describe('psp-sandbox configuration', () => {
  it('defaults to port 3004 and its own least-privilege role on localhost', () => {
    const config = loadPspSandboxConfig({});
    expect(config.PORT).toBe(3004);
    expect(new URL(config.DATABASE_URL).username).toBe('psp_sandbox');
    // No admin login at run time: the one-shot migration has it (docs/decisions/0038).
    expect(config.DATABASE_ADMIN_URL).toBeUndefined();
    expect(config.DATABASE_MIGRATE_ON_START).toBe(false);
  });

  it('refuses a database URL that is not Postgres, naming the variable', () => {
    expect(() => loadPspSandboxConfig({ DATABASE_URL: 'redis://127.0.0.1:6379' })).toThrow(ConfigValidationError);
    expect(() => loadPspSandboxConfig({ DATABASE_URL: 'redis://127.0.0.1:6379' })).toThrow(/DATABASE_URL/);
  });

  it('has working defaults for the provider settings, pointing webhooks at payments-svc', () => {
    expect(loadPspSandboxConfig({})).toMatchObject({
      PSP_API_KEY: 'sk_test_sandbox_local_only_0000',
      PSP_PUBLIC_URL: 'http://127.0.0.1:3004',
      PSP_WEBHOOK_URL: 'http://127.0.0.1:3003/webhooks/psp',
      PSP_WEBHOOK_SECRET: 'whsec_sandbox_local_only_0000000000',
      PSP_PAY_DELAY_MS: 300,
      PSP_LATE_PAY_DELAY_MS: 15_000,
      PSP_WEBHOOK_RETRY_BASE_MS: 500,
    });
  });

  const ownSecrets = { PSP_API_KEY: 'sk_test_our_own_sandbox_key', PSP_WEBHOOK_SECRET: 'whsec_our_own_sandbox_secret' };

  it('drops a trailing slash from the public URL so session URLs have one slash', () => {
    expect(loadPspSandboxConfig({ ...ownSecrets, PSP_PUBLIC_URL: 'http://psp.local:8080/' }).PSP_PUBLIC_URL).toBe('http://psp.local:8080');
  });

  it('refuses the published default key and secret once it is reachable beyond this machine, naming each', () => {
    const attempt = () => loadPspSandboxConfig({ PSP_PUBLIC_URL: 'http://psp.example:3004' });
    expect(attempt).toThrow(ConfigValidationError);
    expect(attempt).toThrow(/PSP_API_KEY: expected a credential of your own/);
    expect(attempt).toThrow(/PSP_WEBHOOK_SECRET: expected a credential of your own/);
    expect(() => loadPspSandboxConfig({ ...ownSecrets, PSP_PUBLIC_URL: 'http://psp.example:3004' })).not.toThrow();
  });

  it('refuses a short webhook secret without echoing it', () => {
    const attempt = () => loadPspSandboxConfig({ PSP_WEBHOOK_SECRET: 'whsec_short' });
    expect(attempt).toThrow(/PSP_WEBHOOK_SECRET: expected at least 16 characters/);
    expect(attempt).not.toThrow(/whsec_short/);
  });

  it('refuses a delay that is not a positive whole number', () => {
    expect(() => loadPspSandboxConfig({ PSP_PAY_DELAY_MS: 'soon' })).toThrow(/PSP_PAY_DELAY_MS/);
    expect(() => loadPspSandboxConfig({ PSP_WEBHOOK_URL: 'ftp://example.com' })).toThrow(/PSP_WEBHOOK_URL/);
  });
});
