import { PaymentFailed } from '@checkout/contracts';
import { Outbox } from '@checkout/outbox';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canFail, findPaymentByReference, lockCheckout, updatePayment } from '../payments/payment.repository';
import type { FailedPayment } from './provider-event.schema';

/** The provider declined the payment: it fails, and the saga hears PaymentFailed and compensates. */
@Injectable()
export class PaymentIntentFailedHandler {
  private readonly logger = new Logger('PaymentIntentFailed');

  constructor(private readonly outbox: Outbox) {}

  async handle(failure: FailedPayment, tx: EntityManager): Promise<void> {
    const { checkoutId, paymentId } = failure.metadata;
    if (checkoutId) await lockCheckout(tx, checkoutId);
    const payment = await findPaymentByReference(tx, { paymentId, checkoutId });
    if (!payment) {
      this.logger.warn(`failed payment ${failure.providerPaymentId} (checkout ${checkoutId ?? '?'}) is no payment of ours; ignored`);
      return;
    }
    if (!canFail(payment.status)) return; // a decline after a success (or a second decline) changes nothing

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
}

/** The contract bounds these lengths; a provider's text must not make our message invalid. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
