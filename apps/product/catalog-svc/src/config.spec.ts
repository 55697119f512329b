import { ConfigValidationError } from '@checkout/platform';
import { loadCatalogConfig } from './config';

describe('catalog-svc configuration', () => {
  it('defaults to port 3002 and its own least-privilege role on localhost', () => {
    const config = loadCatalogConfig({});
    expect(config.PORT).toBe(3002);
    expect(new URL(config.DATABASE_URL).username).toBe('catalog_svc');
    // No admin login at run time: the one-shot migration has it (docs/decisions/0038).
    expect(config.DATABASE_ADMIN_URL).toBeUndefined();
    expect(config.DATABASE_MIGRATE_ON_START).toBe(false);
  });

  it('refuses a database URL that is not Postgres, naming the variable', () => {
    expect(() => loadCatalogConfig({ DATABASE_URL: 'redis://127.0.0.1:6379' })).toThrow(ConfigValidationError);
    expect(() => loadCatalogConfig({ DATABASE_URL: 'redis://127.0.0.1:6379' })).toThrow(/DATABASE_URL/);
  });
});
