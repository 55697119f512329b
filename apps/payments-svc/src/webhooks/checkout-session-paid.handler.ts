import { PaymentCompleted } from '@checkout/contracts';
import { Outbox } from '@checkout/outbox';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canSucceed, findPaymentByReference, lockCheckout, updatePayment } from '../payments/payment.repository';
import type { PaidSession } from './provider-event.schema';

/**
 * The customer paid: the payment succeeds and the saga hears PaymentCompleted. The amount
 * and currency come from our own record, the amount the catalog priced; whatever the event
 * claims about money is never read.
 */
@Injectable()
export class CheckoutSessionPaidHandler {
  private readonly logger = new Logger('CheckoutSessionPaid');

  constructor(private readonly outbox: Outbox) {}

  async handle(session: PaidSession, tx: EntityManager): Promise<void> {
    const { checkoutId, paymentId } = session.metadata;
    if (checkoutId) await lockCheckout(tx, checkoutId);
    const payment = await findPaymentByReference(tx, { paymentId, providerSessionId: session.sessionId, checkoutId });
    if (!payment) {
      this.logger.warn(`paid session ${session.sessionId} (checkout ${checkoutId ?? '?'}) is no payment of ours; ignored`);
      return;
    }
    if (!canSucceed(payment.status)) return; // already succeeded (or refunded): that event did everything

    await updatePayment(tx, payment, { status: 'succeeded', providerPaymentId: session.providerPaymentId });
    const { checkoutId: correlationId, id, amount, currency } = payment;
    await this.outbox.enqueue(
      tx,
      PaymentCompleted,
      { checkoutId: correlationId, paymentId: id, providerPaymentId: session.providerPaymentId, amount, currency },
      // A webhook is not a message: the completion starts from the checkout, caused by no envelope.
      { correlationId },
    );
  }
}
