import { databasePoolSize, vaultAccess, type DatabaseOptions } from '@checkout/platform';
import { CheckoutTransitionEntity } from './checkout-saga/checkout-transition.entity';
import { CheckoutEntity } from './checkout-saga/checkout.entity';
import type { OrchestratorConfig } from './config';
import { checkoutMigrations } from './migrations';

/** The checkout schema: who connects, who migrates, and with which migrations and entities. */
export function checkoutDatabase(config: OrchestratorConfig): DatabaseOptions {
  return {
    url: config.DATABASE_URL,
    adminUrl: config.DATABASE_ADMIN_URL,
    schema: 'checkout',
    migrateOnStart: config.DATABASE_MIGRATE_ON_START,
    poolSize: databasePoolSize(config),
    applicationName: 'checkout-orchestrator',
    vault: vaultAccess(config),
    entities: [CheckoutEntity, CheckoutTransitionEntity],
    migrations: checkoutMigrations,
  };
}
