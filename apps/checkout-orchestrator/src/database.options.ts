import type { DatabaseOptions } from '@checkout/platform';
import type { OrchestratorConfig } from './config';
import { checkoutMigrations } from './migrations';

/** The checkout schema: who connects, who migrates, and with which migrations and entities. */
export function checkoutDatabase(config: OrchestratorConfig): DatabaseOptions {
  return {
    url: config.DATABASE_URL,
    adminUrl: config.DATABASE_ADMIN_URL,
    schema: 'checkout',
    migrateOnStart: config.DATABASE_MIGRATE_ON_START,
    entities: [],
    migrations: checkoutMigrations,
  };
}
