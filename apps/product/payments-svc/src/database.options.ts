import { databasePoolSize, vaultAccess, type DatabaseOptions } from '@checkout/platform';
import type { PaymentsConfig } from './config';
import { paymentsMigrations } from './migrations';
import { PaymentEntity } from './payments/payment.entity';
import { RefundEntity } from './refunds/refund.entity';
import { ProviderEventEntity } from './webhooks/provider-event.entity';

/** The payments schema: who connects, who migrates, and with which migrations and entities. */
export function paymentsDatabase(config: PaymentsConfig): DatabaseOptions {
  return {
    url: config.DATABASE_URL,
    adminUrl: config.DATABASE_ADMIN_URL,
    schema: 'payments',
    migrateOnStart: config.DATABASE_MIGRATE_ON_START,
    poolSize: databasePoolSize(config),
    applicationName: 'payments-svc',
    vault: vaultAccess(config),
    entities: [PaymentEntity, RefundEntity, ProviderEventEntity],
    migrations: paymentsMigrations,
  };
}
