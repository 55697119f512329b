import { databasePoolSize, type DatabaseOptions } from '@checkout/platform';
import type { VaultSandboxConfig } from './config';
import { KvVersion } from './kv/kv-version.entity';
import { Lease } from './leases/lease.entity';
import { vaultMigrations } from './migrations';

/** The vault schema: the stand-in's own state, so a restart keeps its leases and secrets. */
export function vaultDatabase(config: VaultSandboxConfig): DatabaseOptions {
  return {
    url: config.DATABASE_URL,
    adminUrl: config.DATABASE_ADMIN_URL,
    schema: 'vault',
    migrateOnStart: config.DATABASE_MIGRATE_ON_START,
    poolSize: databasePoolSize(config),
    applicationName: 'vault-sandbox',
    entities: [Lease, KvVersion],
    migrations: vaultMigrations,
  };
}
