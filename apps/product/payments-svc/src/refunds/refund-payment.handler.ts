import { type MessageEnvelope, PaymentRefunded, RefundFailed, RefundRequested } from '@checkout/contracts';
import { Outbox, type TransactionalHandler } from '@checkout/outbox';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { PaymentEntity } from '../payments/payment.entity';
import { lockPaymentOfCheckout, updatePayment } from '../payments/payment.repository';
import { PaymentsMetrics } from '../payments/payments.metrics';
import { type AcceptedRefund, PaymentProvider } from '../provider/payment-provider';
import { PROVIDER_OPERATIONS, ProviderCalls } from '../provider/provider-calls';
import { permanentRefusal } from '../provider/provider-refusal';
import { RefundEntity } from './refund.entity';

type RefundMessage = MessageEnvelope<RefundRequested>;

/**
 * Compensation: refunds a payment that completed after the checkout gave up. Always the full
 * amount of our own record — never an amount taken from the message — under an idempotency key
 * per payment, so no sequence of retries can refund twice. Like session creation, it calls the
 * provider inside the inbox transaction; the idempotency key makes that safe.
 */
@Injectable()
export class RefundPaymentHandler implements TransactionalHandler<RefundRequested> {
  private readonly logger = new Logger('RefundPayment');

  constructor(
    private readonly provider: PaymentProvider,
    private readonly outbox: Outbox,
    private readonly metrics: PaymentsMetrics,
    private readonly calls: ProviderCalls,
  ) {}

  async handle(message: RefundMessage, tx: EntityManager): Promise<void> {
    const { checkoutId, paymentId } = message.payload;
    const payment = await lockPaymentOfCheckout(tx, checkoutId, paymentId);
    if (!payment) return this.replyFailed('no such payment for this checkout', message, tx);
    if (payment.status === 'refunded') return this.replyRefunded(payment, await this.refundOf(payment, tx), message, tx);
    if (payment.status !== 'succeeded' || !payment.providerPaymentId) {
      return this.replyFailed(`the payment was never taken (${payment.status})`, message, tx);
    }

    let refund: AcceptedRefund;
    try {
      const { providerPaymentId, amount } = payment;
      refund = await this.provider.refundPayment({ checkoutId, paymentId, providerPaymentId, amount });
    } catch (error) {
      const reason = permanentRefusal(error);
      if (reason === undefined) throw error; // network or 5xx: the consumer retries later
      return this.replyFailed(reason, message, tx);
    }
    await this.calls.record(
      tx,
      { checkoutId, direction: 'to-provider', operation: PROVIDER_OPERATIONS.refund, providerReference: refund.refundId, duplicate: false },
      payment,
      message,
    );
    if (!refund.accepted) return this.replyFailed('the payment provider could not refund the payment', message, tx);

    await tx.insert(RefundEntity, { id: randomUUID(), paymentId, providerRefundId: refund.refundId, amount: payment.amount });
    await updatePayment(tx, payment, { status: 'refunded' });
    this.metrics.refund('refunded');
    await this.replyRefunded(payment, refund.refundId, message, tx);
  }

  private async refundOf(payment: PaymentEntity, tx: EntityManager): Promise<string> {
    const refund = await tx.findOneByOrFail(RefundEntity, { paymentId: payment.id });
    return refund.providerRefundId;
  }

  private async replyRefunded(payment: PaymentEntity, refundId: string, message: RefundMessage, tx: EntityManager) {
    const { checkoutId, id: paymentId, amount, currency } = payment;
    await this.outbox.enqueue(
      tx,
      PaymentRefunded,
      { checkoutId, paymentId, refundId, amount, currency },
      { correlationId: checkoutId, causedBy: message },
    );
  }

  private async replyFailed(reason: string, message: RefundMessage, tx: EntityManager) {
    const { checkoutId, paymentId } = message.payload;
    this.logger.warn(`refund of payment ${paymentId} (checkout ${checkoutId}) failed: ${reason}`);
    this.metrics.refund('failed');
    const origin = { correlationId: checkoutId, causedBy: message };
    await this.outbox.enqueue(tx, RefundFailed, { checkoutId, paymentId, reason }, origin);
  }
}
