import { ConfigValidationError } from '@checkout/platform';
import { loadOrchestratorConfig } from './config';

describe('checkout-orchestrator configuration', () => {
  it('defaults to port 3001 and its own least-privilege role on localhost', () => {
    const config = loadOrchestratorConfig({});
    expect(config.PORT).toBe(3001);
    expect(new URL(config.DATABASE_URL).username).toBe('checkout_svc');
    // No admin login at run time: the one-shot migration has it (docs/decisions/0038).
    expect(config.DATABASE_ADMIN_URL).toBeUndefined();
    expect(config.DATABASE_MIGRATE_ON_START).toBe(false);
  });

  it('refuses a database URL that is not Postgres, naming the variable', () => {
    expect(() => loadOrchestratorConfig({ DATABASE_URL: 'redis://127.0.0.1:6379' })).toThrow(ConfigValidationError);
    expect(() => loadOrchestratorConfig({ DATABASE_URL: 'redis://127.0.0.1:6379' })).toThrow(/DATABASE_URL/);
  });
});
