import { DatabaseService } from '@checkout/platform';
import { freePort, testAdminUrl, testDatabaseUrl } from '@checkout/platform/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import Stripe from 'stripe';
import { AppModule } from '../app.module';
import { loadPspSandboxConfig, PspSandboxConfig } from '../config';
import { configureHttp } from '../configure-http';

export const TEST_API_KEY = 'sk_test_sandbox_under_test_0000';
export const TEST_WEBHOOK_SECRET = 'whsec_sandbox_under_test_0000000000';

export interface RunningSandbox {
  app: NestExpressApplication;
  port: number;
  config: PspSandboxConfig;
  /** The official SDK, configured as payments-svc configures it to use the sandbox. */
  stripe: Stripe;
}

/**
 * The real AppModule, listening on a free port, with its own database (`database`, created and
 * migrated on start). `env` overrides the sandbox's settings as environment variables would.
 */
export async function startSandbox(database: string, env: Record<string, string> = {}): Promise<RunningSandbox> {
  const port = await freePort();
  const config = loadPspSandboxConfig({
    PORT: String(port),
    DATABASE_URL: testDatabaseUrl('psp_sandbox', database),
    DATABASE_ADMIN_URL: testAdminUrl(database),
    // A throwaway test process provisions its own database as it starts; a service never does.
    DATABASE_MIGRATE_ON_START: 'true',
    PSP_PUBLIC_URL: `http://127.0.0.1:${port}`,
    PSP_API_KEY: TEST_API_KEY,
    PSP_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: process.env.TEST_LOGS ? undefined : false });
  configureHttp(app);
  await app.listen(port, '127.0.0.1');
  await app.get(DatabaseService).ready;
  return { app, port, config, stripe: stripeClient(port) };
}

export function stripeClient(port: number, apiKey = TEST_API_KEY): Stripe {
  return new Stripe(apiKey, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
}

/** What payments-svc sends for the demo widget, with its ids in the metadata. */
export function demoSessionParams(
  checkoutId: string,
  paymentMethod: string | undefined,
): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'payment',
    line_items: [{ quantity: 1, price_data: { currency: 'gbp', unit_amount: 3999, product_data: { name: 'Demo Widget' } } }],
    client_reference_id: checkoutId,
    metadata: { checkoutId, ...(paymentMethod ? { payment_method: paymentMethod } : {}) },
    payment_intent_data: { metadata: { paymentId: `pay-${checkoutId}` } },
    success_url: 'http://127.0.0.1:3000/checkout/success',
    cancel_url: 'http://127.0.0.1:3000/checkout/cancel',
  };
}

export async function countRows(sandbox: RunningSandbox, table: string): Promise<number> {
  const [row] = await sandbox.app.get(DatabaseService).dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return row.n;
}
