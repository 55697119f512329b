import { type MessageEnvelope, PaymentSessionCreated, PaymentSessionFailed, PaymentSessionRequested } from '@checkout/contracts';
import { Outbox, type TransactionalHandler } from '@checkout/outbox';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { paymentIdFor } from '../payments/payment-id';
import { insertPayment, lockAndFindPaymentOfCheckout, type NewPayment } from '../payments/payment.repository';
import { PaymentsMetrics } from '../payments/payments.metrics';
import { type OpenedSession, PaymentProvider } from '../provider/payment-provider';
import { PROVIDER_OPERATIONS, ProviderCalls } from '../provider/provider-calls';
import { permanentRefusal } from '../provider/provider-refusal';

type SessionRequest = MessageEnvelope<PaymentSessionRequested>;

/**
 * Opens a payment session at the provider for the amount the orchestrator took from the
 * catalog's pricing, and replies PaymentSessionCreated (or PaymentSessionFailed).
 *
 * The provider is called inside the inbox transaction. That is a deliberate simplicity
 * trade-off, safe here because the call is idempotent: if we crash or roll back after the
 * provider opened the session, the message is redelivered (the inbox row rolled back too),
 * and the same idempotency key with the same parameters (the payment id is derived from the
 * checkout id) returns the session already opened instead of a second one. The cost is a
 * database connection, and the checkout's lock, held for the length of one provider call.
 */
@Injectable()
export class CreatePaymentSessionHandler implements TransactionalHandler<PaymentSessionRequested> {
  private readonly logger = new Logger('CreatePaymentSession');

  constructor(
    private readonly provider: PaymentProvider,
    private readonly outbox: Outbox,
    private readonly metrics: PaymentsMetrics,
    private readonly calls: ProviderCalls,
  ) {}

  async handle(message: SessionRequest, tx: EntityManager): Promise<void> {
    const request = message.payload;
    const existing = await lockAndFindPaymentOfCheckout(tx, request.checkoutId);
    if (existing) {
      // The orchestrator asked again: the same answer, and no second session.
      if (existing.amount !== request.amount || existing.currency !== request.currency) {
        this.logger.warn(`checkout ${request.checkoutId} asked again for another amount; its session stays as it was`);
      }
      return this.replyCreated(existing, message, tx);
    }

    const paymentId = paymentIdFor(request.checkoutId);
    let session: OpenedSession;
    try {
      session = await this.provider.openCheckoutSession({ ...request, paymentId });
    } catch (error) {
      const reason = permanentRefusal(error);
      if (reason === undefined) throw error; // network or 5xx: the consumer retries later
      await this.recordCall(null, message, tx);
      return this.replyFailed(reason, message, tx);
    }
    await this.recordCall(session.sessionId, message, tx);

    const payment: NewPayment = {
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
      watched: request.watched ?? false,
    };
    await insertPayment(tx, payment);
    this.metrics.session('created');
    await this.replyCreated(payment, message, tx);
  }

  private recordCall(sessionId: string | null, message: SessionRequest, tx: EntityManager) {
    const { checkoutId } = message.payload;
    const call = { checkoutId, direction: 'to-provider', operation: PROVIDER_OPERATIONS.openSession, providerReference: sessionId, duplicate: false } as const;
    return this.calls.record(tx, call, message.payload, message);
  }

  private async replyCreated(payment: NewPayment, message: SessionRequest, tx: EntityManager): Promise<void> {
    const { checkoutId, id: paymentId, providerSessionId, sessionExpiresAt } = payment;
    const expiresAt = sessionExpiresAt.toISOString();
    const origin = { correlationId: checkoutId, causedBy: message };
    await this.outbox.enqueue(tx, PaymentSessionCreated, { checkoutId, paymentId, providerSessionId, expiresAt }, origin);
  }

  private async replyFailed(reason: string, message: SessionRequest, tx: EntityManager): Promise<void> {
    const { checkoutId } = message.payload;
    this.logger.warn(`payment session for checkout ${checkoutId} refused: ${reason}`);
    this.metrics.session('failed');
    await this.outbox.enqueue(tx, PaymentSessionFailed, { checkoutId, reason }, { correlationId: checkoutId, causedBy: message });
  }
}
