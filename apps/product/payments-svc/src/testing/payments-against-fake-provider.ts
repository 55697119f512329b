import { eventually } from '@checkout/platform/testing';
import { FakeProviderApi } from './fake-provider-api';
import { type OutboxMessage, PaymentsTestApp } from './payments-test-app';

/** The integration specs' set-up: a fake provider, and payments-svc pointed at it. */
export class PaymentsAgainstFakeProvider {
  private constructor(
    readonly provider: FakeProviderApi,
    readonly payments: PaymentsTestApp,
  ) {}

  static async start(): Promise<PaymentsAgainstFakeProvider> {
    const provider = await FakeProviderApi.start();
    try {
      return new PaymentsAgainstFakeProvider(provider, await PaymentsTestApp.start(provider.url));
    } catch (error) {
      await provider.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.payments.close();
    await this.provider.close();
  }
}

/** At least `count` replies payments-svc wrote for a checkout, waited for: handlers run off the test's thread. */
export function repliesTo(payments: PaymentsTestApp, checkoutId: string, count = 1): Promise<OutboxMessage[]> {
  return eventually(async () => {
    const messages = await payments.outboxOf(checkoutId);
    return messages.length >= count && messages;
  }, 10_000, `${count} replies for checkout ${checkoutId}`);
}
