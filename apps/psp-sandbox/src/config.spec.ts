import { ConfigValidationError } from '@checkout/platform';
import { loadPspSandboxConfig } from './config';

describe('psp-sandbox configuration', () => {
  it('defaults to port 3004 and its own least-privilege role on localhost', () => {
    const config = loadPspSandboxConfig({});
    expect(config.PORT).toBe(3004);
    expect(new URL(config.DATABASE_URL).username).toBe('psp_sandbox');
    expect(new URL(config.DATABASE_ADMIN_URL).hostname).toBe('127.0.0.1');
  });

  it('refuses a database URL that is not Postgres, naming the variable', () => {
    expect(() => loadPspSandboxConfig({ DATABASE_URL: 'redis://127.0.0.1:6379' })).toThrow(ConfigValidationError);
    expect(() => loadPspSandboxConfig({ DATABASE_URL: 'redis://127.0.0.1:6379' })).toThrow(/DATABASE_URL/);
  });
});
