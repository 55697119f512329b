import { type MessageEnvelope, PaymentSessionCreated, PaymentSessionFailed, PaymentSessionRequested } from '@checkout/contracts';
import { Outbox, type TransactionalHandler } from '@checkout/outbox';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PaymentEntity } from '../payments/payment.entity';
import { paymentIdFor } from '../payments/payment-id';
import { findPaymentOfCheckout, insertPayment, lockCheckout } from '../payments/payment.repository';
import { PaymentsMetrics } from '../payments/payments.metrics';
import { type OpenedSession, PaymentProvider } from '../provider/payment-provider';
import { permanentRefusal } from '../provider/provider-refusal';

/**
 * Opens a payment session at the provider for the amount the orchestrator took from the
 * catalog's pricing, and replies PaymentSessionCreated (or PaymentSessionFailed).
 *
 * The provider is called inside the inbox transaction. That is a deliberate simplicity
 * trade-off, safe here because the call is idempotent: if we crash or roll back after the
 * provider opened the session, the message is redelivered (the inbox row rolled back too),
 * and the same idempotency key with the same parameters (the payment id is derived from the
 * checkout id) returns the session already opened instead of a second one. The cost is a
 * database connection held for the length of one provider call.
 */
@Injectable()
export class CreatePaymentSessionHandler implements TransactionalHandler<PaymentSessionRequested> {
  private readonly logger = new Logger('CreatePaymentSession');

  constructor(
    private readonly provider: PaymentProvider,
    private readonly outbox: Outbox,
    private readonly metrics: PaymentsMetrics,
  ) {}

  async handle(message: MessageEnvelope<PaymentSessionRequested>, tx: EntityManager): Promise<void> {
    const request = message.payload;
    await lockCheckout(tx, request.checkoutId);
    const existing = await findPaymentOfCheckout(tx, request.checkoutId);
    if (existing) return this.replyAgain(existing, message, tx);

    const paymentId = paymentIdFor(request.checkoutId);
    let session: OpenedSession;
    try {
      session = await this.provider.openCheckoutSession({ ...request, paymentId });
    } catch (error) {
      const reason = permanentRefusal(error);
      if (reason === undefined) throw error; // network or 5xx: the consumer retries later
      return this.replyFailed(reason, message, tx);
    }

    await insertPayment(tx, {
      id: paymentId,
      checkoutId: request.checkoutId,
      amount: request.amount,
      currency: request.currency,
      paymentMethod: request.paymentMethod,
      status: 'session_created',
      providerSessionId: session.sessionId,
      sessionExpiresAt: session.expiresAt,
      providerPaymentId: null,
      failureReason: null,
    });
    this.metrics.session('created');
    await this.outbox.enqueue(
      tx,
      PaymentSessionCreated,
      { checkoutId: request.checkoutId, paymentId, providerSessionId: session.sessionId, expiresAt: session.expiresAt.toISOString() },
      { correlationId: request.checkoutId, causedBy: message },
    );
  }

  /** A repeated request (the orchestrator asked again) gets the same answer, and no second session. */
  private async replyAgain(payment: PaymentEntity, message: MessageEnvelope<PaymentSessionRequested>, tx: EntityManager) {
    if (payment.amount !== message.payload.amount || payment.currency !== message.payload.currency) {
      this.logger.warn(`checkout ${payment.checkoutId} asked again for a different amount; keeping the session for ${payment.amount} ${payment.currency}`);
    }
    await this.outbox.enqueue(
      tx,
      PaymentSessionCreated,
      {
        checkoutId: payment.checkoutId,
        paymentId: payment.id,
        providerSessionId: payment.providerSessionId,
        expiresAt: payment.sessionExpiresAt.toISOString(),
      },
      { correlationId: payment.checkoutId, causedBy: message },
    );
  }

  private async replyFailed(reason: string, message: MessageEnvelope<PaymentSessionRequested>, tx: EntityManager) {
    const { checkoutId } = message.payload;
    this.logger.warn(`payment session for checkout ${checkoutId} refused: ${reason}`);
    this.metrics.session('failed');
    await this.outbox.enqueue(tx, PaymentSessionFailed, { checkoutId, reason }, { correlationId: checkoutId, causedBy: message });
  }
}
