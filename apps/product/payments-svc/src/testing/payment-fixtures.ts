import { DatabaseService } from '@checkout/platform';
import type { INestApplication } from '@nestjs/common';
import { createHmac, randomUUID } from 'node:crypto';
import { PaymentEntity } from '../payments/payment.entity';
import { paymentIdFor } from '../payments/payment-id';
import type { FakeProviderApi } from './fake-provider-api';
import { TEST_WEBHOOK_SECRET } from './payments-test-app';

/**
 * A payment as session creation leaves it, written straight to the table; override what the
 * test is about. Watched by default, so its provider calls are recorded and can be asserted.
 */
/** A payment just after its session opened, as session creation writes it; not stored. */
export function newPayment(overrides: Partial<PaymentEntity> = {}): PaymentEntity {
  const checkoutId = overrides.checkoutId ?? randomUUID();
  return {
    id: paymentIdFor(checkoutId),
    checkoutId,
    amount: 3999,
    currency: 'GBP',
    paymentMethod: 'pm_card_visa',
    status: 'session_created' as const,
    providerSessionId: `cs_test_${randomUUID().replace(/-/g, '')}`,
    sessionExpiresAt: new Date(Date.now() + 3600_000),
    providerPaymentId: null,
    failureReason: null,
    watched: true,
    ...overrides,
  } as PaymentEntity;
}

export async function seedPayment(app: INestApplication, overrides: Partial<PaymentEntity> = {}): Promise<PaymentEntity> {
  const payment = newPayment(overrides);
  await app.get(DatabaseService).dataSource.getRepository(PaymentEntity).insert(payment);
  return app.get(DatabaseService).dataSource.getRepository(PaymentEntity).findOneByOrFail({ id: payment.id });
}

/** The `Stripe-Signature` header for `body`, signed the way the provider signs. */
export function signatureFor(body: string, secret = TEST_WEBHOOK_SECRET, timestamp = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

type PaymentRef = Pick<PaymentEntity, 'id' | 'checkoutId' | 'providerSessionId' | 'paymentMethod'>;

export function sessionCompletedEvent(payment: PaymentRef, object: Record<string, unknown> = {}) {
  return {
    id: `evt_${randomUUID().replace(/-/g, '')}`,
    object: 'event',
    type: 'checkout.session.completed',
    data: {
      object: {
        id: payment.providerSessionId,
        object: 'checkout.session',
        payment_status: 'paid',
        payment_intent: `pi_${randomUUID().replace(/-/g, '')}`,
        metadata: { checkoutId: payment.checkoutId, paymentId: payment.id, payment_method: payment.paymentMethod },
        ...object,
      },
    },
  };
}

export function paymentFailedEvent(payment: PaymentRef, declineCode = 'generic_decline') {
  return {
    id: `evt_${randomUUID().replace(/-/g, '')}`,
    object: 'event',
    type: 'payment_intent.payment_failed',
    data: {
      object: {
        id: `pi_${randomUUID().replace(/-/g, '')}`,
        object: 'payment_intent',
        metadata: { checkoutId: payment.checkoutId, paymentId: payment.id },
        last_payment_error: {
          type: 'card_error',
          code: 'card_declined',
          decline_code: declineCode,
          message: 'Your card was declined.',
        },
      },
    },
  };
}

/** The provider's own view: this session was paid with the event's payment intent, our amount. */
export function paidAtProvider(provider: FakeProviderApi, payment: PaymentEntity, event: ReturnType<typeof sessionCompletedEvent>): void {
  provider.setSession(payment.providerSessionId, {
    status: 'complete',
    payment_status: 'paid',
    payment_intent: event.data.object.payment_intent,
    amount_total: payment.amount,
    currency: payment.currency.toLowerCase(),
  });
}

/** The provider's own view: this intent was declined, for this payment. */
export function declinedAtProvider(provider: FakeProviderApi, payment: PaymentEntity, event: ReturnType<typeof paymentFailedEvent>): void {
  provider.setIntent(event.data.object.id, { status: 'requires_payment_method', metadata: { checkoutId: payment.checkoutId, paymentId: payment.id } });
}
