import { databasePoolSize, vaultAccess, type DatabaseOptions } from '@checkout/platform';
import type { CatalogConfig } from './config';
import { catalogMigrations } from './migrations';
import { Product } from './products/product.entity';
import { Reservation } from './reservations/reservation.entity';

/** The catalog schema: who connects, who migrates, and with which migrations and entities. */
export function catalogDatabase(config: CatalogConfig): DatabaseOptions {
  return {
    url: config.DATABASE_URL,
    adminUrl: config.DATABASE_ADMIN_URL,
    schema: 'catalog',
    migrateOnStart: config.DATABASE_MIGRATE_ON_START,
    poolSize: databasePoolSize(config),
    applicationName: 'catalog-svc',
    vault: vaultAccess(config),
    entities: [Product, Reservation],
    migrations: catalogMigrations,
  };
}
