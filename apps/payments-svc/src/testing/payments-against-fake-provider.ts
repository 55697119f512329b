import { eventually } from '@checkout/platform/testing';
import { FakeProviderApi } from './fake-provider-api';
import { type OutboxMessage, PaymentsTestApp } from './payments-test-app';

export interface PaymentsAgainstFakeProvider {
  readonly provider: FakeProviderApi;
  readonly payments: PaymentsTestApp;
}

/**
 * The integration specs' set-up: a fake provider, and payments-svc pointed at it, started before
 * the suite and closed after it. Read the fields inside tests and hooks: they are set by the
 * suite's beforeAll, not when this returns.
 */
export function paymentsAgainstFakeProvider(): PaymentsAgainstFakeProvider {
  const suite = {} as { provider: FakeProviderApi; payments: PaymentsTestApp };
  beforeAll(async () => {
    suite.provider = await FakeProviderApi.start();
    suite.payments = await PaymentsTestApp.start(suite.provider.url);
  });
  afterAll(async () => {
    await suite.payments?.close();
    await suite.provider?.close();
  });
  return suite;
}

/** At least `count` replies payments-svc wrote for a checkout, waited for: handlers run off the test's thread. */
export function repliesTo(payments: PaymentsTestApp, checkoutId: string, count = 1): Promise<OutboxMessage[]> {
  return eventually(async () => {
    const messages = await payments.outboxOf(checkoutId);
    return messages.length >= count && messages;
  }, 10_000, `${count} replies for checkout ${checkoutId}`);
}
