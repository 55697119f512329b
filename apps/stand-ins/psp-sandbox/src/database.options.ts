import { databasePoolSize, vaultAccess, type DatabaseOptions } from '@checkout/platform';
import { CheckoutSession } from './checkout-sessions/checkout-session.entity';
import type { PspSandboxConfig } from './config';
import { IdempotencyKeyRecord } from './idempotency/idempotency-key.entity';
import { pspMigrations } from './migrations';
import { PaymentIntent } from './payment-intents/payment-intent.entity';
import { Refund } from './refunds/refund.entity';
import { CustomerAction } from './simulated-customer/customer-action.entity';
import { WebhookDelivery } from './webhooks/webhook-delivery.entity';
import { WebhookEvent } from './webhooks/webhook-event.entity';

/** The psp schema: who connects, who migrates, and with which migrations and entities. */
export function pspDatabase(config: PspSandboxConfig): DatabaseOptions {
  return {
    url: config.DATABASE_URL,
    adminUrl: config.DATABASE_ADMIN_URL,
    schema: 'psp',
    migrateOnStart: config.DATABASE_MIGRATE_ON_START,
    poolSize: databasePoolSize(config),
    applicationName: 'psp-sandbox',
    vault: vaultAccess(config),
    entities: [CheckoutSession, PaymentIntent, Refund, IdempotencyKeyRecord, CustomerAction, WebhookEvent, WebhookDelivery],
    migrations: pspMigrations,
  };
}
