import { PaymentFailed } from '@checkout/contracts';
import { Outbox } from '@checkout/outbox';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PaymentEntity } from '../payments/payment.entity';
import { canFail, findPaymentById, lockCheckout, updatePayment } from '../payments/payment.repository';
import { type IntentState, PaymentProvider } from '../provider/payment-provider';
import { unknownToProvider } from '../provider/provider-refusal';
import { referenceMismatch } from './payment-references';
import type { FailedPayment } from './provider-event.schema';
import { ProviderEventRejection } from './provider-event-rejection';

/** Stripe leaves a declined intent waiting for another payment method. */
const DECLINED_STATUS = 'requires_payment_method';

/**
 * The provider declined the payment: it fails, and the saga hears PaymentFailed and
 * compensates. An intent event names no session, so the payment is found by the id we put
 * in its metadata, and the checkout id beside it must be that payment's. Like a success, a
 * decline is confirmed with the provider first: a forged one would cancel a real order.
 */
@Injectable()
export class PaymentIntentFailedHandler {
  constructor(
    private readonly outbox: Outbox,
    private readonly provider: PaymentProvider,
  ) {}

  async match(failure: FailedPayment, tx: EntityManager): Promise<PaymentEntity> {
    const { checkoutId, paymentId } = failure.metadata;
    if (!checkoutId || !paymentId) throw new ProviderEventRejection('unknown_payment', null);
    await lockCheckout(tx, checkoutId);
    const payment = await findPaymentById(tx, paymentId);
    if (!payment) throw new ProviderEventRejection('unknown_payment', null);
    const mismatch = referenceMismatch(payment, { metadata: failure.metadata, amount: null, currency: null, providerPaymentId: null });
    if (mismatch) throw new ProviderEventRejection(mismatch, payment.checkoutId);
    return payment;
  }

  async apply(payment: PaymentEntity, failure: FailedPayment, tx: EntityManager): Promise<void> {
    if (!canFail(payment.status)) return; // a decline after a success (or a second decline) changes nothing
    await this.confirmDeclined(payment, failure);

    const reason = clip(`payment declined: ${failure.message ?? failure.declineCode ?? 'no reason given'}`, 200);
    const declineCode = failure.declineCode === null ? null : clip(failure.declineCode, 64);
    await updatePayment(tx, payment, { status: 'failed', providerPaymentId: failure.providerPaymentId, failureReason: reason });
    await this.outbox.enqueue(
      tx,
      PaymentFailed,
      { checkoutId: payment.checkoutId, paymentId: payment.id, reason, declineCode },
      { correlationId: payment.checkoutId },
    );
  }

  private async confirmDeclined(payment: PaymentEntity, failure: FailedPayment): Promise<void> {
    const truth: IntentState | null = await this.provider.retrieveIntent(failure.providerPaymentId).catch((error: unknown) => {
      if (unknownToProvider(error)) return null;
      throw error; // the provider could not be asked: nothing changes, its retry decides
    });
    if (truth?.status !== DECLINED_STATUS || truth.paymentId !== payment.id) {
      throw new ProviderEventRejection('not_declined_at_provider', payment.checkoutId);
    }
  }
}

/** The contract bounds these lengths; a provider's text must not make our message invalid. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
