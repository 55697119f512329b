import type { DatabaseOptions } from '@checkout/platform';
import type { PspSandboxConfig } from './config';
import { pspMigrations } from './migrations';

/** The psp schema: who connects, who migrates, and with which migrations and entities. */
export function pspDatabase(config: PspSandboxConfig): DatabaseOptions {
  return {
    url: config.DATABASE_URL,
    adminUrl: config.DATABASE_ADMIN_URL,
    schema: 'psp',
    migrateOnStart: config.DATABASE_MIGRATE_ON_START,
    entities: [],
    migrations: pspMigrations,
  };
}
