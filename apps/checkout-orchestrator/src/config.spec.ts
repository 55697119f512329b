import { ConfigValidationError } from '@checkout/platform';
import { loadOrchestratorConfig } from './config';

describe('checkout-orchestrator configuration', () => {
  it('defaults to port 3001 and its own least-privilege role on localhost', () => {
    const config = loadOrchestratorConfig({});
    expect(config.PORT).toBe(3001);
    expect(new URL(config.DATABASE_URL).username).toBe('checkout_svc');
    expect(new URL(config.DATABASE_ADMIN_URL).hostname).toBe('127.0.0.1');
  });

  it('refuses a database URL that is not Postgres, naming the variable', () => {
    expect(() => loadOrchestratorConfig({ DATABASE_URL: 'redis://127.0.0.1:6379' })).toThrow(ConfigValidationError);
    expect(() => loadOrchestratorConfig({ DATABASE_URL: 'redis://127.0.0.1:6379' })).toThrow(/DATABASE_URL/);
  });
});
