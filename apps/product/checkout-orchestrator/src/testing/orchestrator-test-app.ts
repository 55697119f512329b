import { connectInboxTransport } from '@checkout/outbox';
import { DatabaseService } from '@checkout/platform';
import { createVhost, testAdminUrl, testDatabaseUrl } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { installEarlyRefusal } from '../admission/early-refusal';
import { AppModule } from '../app.module';
import { type CheckoutData, newCheckoutData } from '../checkout-saga/checkout-data';
import type { CheckoutState } from '../checkout-saga/checkout-saga.definition';
import { CheckoutEntity } from '../checkout-saga/checkout.entity';
import { loadOrchestratorConfig } from '../config';

/** The real orchestrator module on a database and a RabbitMQ virtual host of the test's own. */
export async function startOrchestrator(database: string, vhost: string, env: Record<string, string> = {}): Promise<INestApplication> {
  const config = loadOrchestratorConfig({
    DATABASE_URL: testDatabaseUrl('checkout_svc', database),
    DATABASE_ADMIN_URL: testAdminUrl(database),
    // A throwaway test process provisions its own database as it starts; a service never does.
    DATABASE_MIGRATE_ON_START: 'true',
    AMQP_URL: await vhostUrl(vhost),
    TIMER_POLL_MS: '50',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication({ logger: process.env.TEST_LOGS ? undefined : false });
  installEarlyRefusal(app); // as main.ts does
  await connectInboxTransport(app);
  await app.init();
  await app.get(DatabaseService).ready;
  return app;
}

const vhosts = new Map<string, Promise<string>>();
function vhostUrl(name: string): Promise<string> {
  if (!vhosts.has(name)) vhosts.set(name, createVhost(name));
  return vhosts.get(name) as Promise<string>;
}

/** Puts a checkout straight into `state`, as if the saga had brought it there. */
export async function seedCheckout(app: INestApplication, state: CheckoutState, data: Partial<CheckoutData> = {}): Promise<string> {
  const checkoutId = randomUUID();
  await app.get(DatabaseService).dataSource.manager.insert(CheckoutEntity, {
    id: checkoutId,
    state,
    version: 1,
    idempotencyKey: randomUUID(),
    requestHash: 'seeded',
    data: {
      ...newCheckoutData(checkoutId, { items: [{ sku: 'DEMO-WIDGET', qty: 1 }], paymentMethod: 'pm_card_visa' }),
      lines: [{ sku: 'DEMO-WIDGET', qty: 1, name: 'Demo Widget', unitAmount: 3999 }],
      amount: 3999,
      currency: 'GBP',
      reservationId: randomUUID(),
      paymentId: randomUUID(),
      ...data,
    },
  });
  return checkoutId;
}
