import { type MessageEnvelope, PaymentSessionExpired, PaymentSessionExpiryRequested } from '@checkout/contracts';
import { Outbox, type TransactionalHandler } from '@checkout/outbox';
import { Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import { PaymentCompletion } from '../payments/payment-completion';
import type { PaymentEntity } from '../payments/payment.entity';
import { canSucceed, lockPaymentOfCheckout, updatePayment } from '../payments/payment.repository';
import { PaymentsMetrics } from '../payments/payments.metrics';
import { PaymentProvider, type SessionState } from '../provider/payment-provider';
import { PROVIDER_OPERATIONS, ProviderCalls } from '../provider/provider-calls';

type ExpiryRequest = MessageEnvelope<PaymentSessionExpiryRequested>;

/** The provider answered in a way the saga cannot act on yet; the consumer retries later. */
export class SessionStillOpenError extends Error {
  readonly code = 'PAYMENT.SESSION_STILL_OPEN';
}

/**
 * The checkout's payment timeout passed. Our own clock proves nothing — a PaymentCompleted
 * may be stuck behind an outage of ours — so the provider decides: it closes the session,
 * which it refuses for one already complete. Then we ask where the session stands and answer
 * the saga with what the provider says:
 * - closed unpaid → PaymentSessionExpired: the saga compensates;
 * - paid → the payment succeeds (PaymentCompleted): the checkout completes, never refunded;
 * - complete but unpaid (a method that settles later) → PaymentSessionExpired with
 *   paymentPending: the saga compensates, and the money, if it arrives, is refunded.
 * Like the other provider calls, it runs inside the inbox transaction; a repeat is harmless.
 */
@Injectable()
export class ExpirePaymentSessionHandler implements TransactionalHandler<PaymentSessionExpiryRequested> {
  private readonly logger = new Logger('ExpirePaymentSession');

  constructor(
    private readonly provider: PaymentProvider,
    private readonly completion: PaymentCompletion,
    private readonly outbox: Outbox,
    private readonly metrics: PaymentsMetrics,
    private readonly calls: ProviderCalls,
  ) {}

  async handle(message: ExpiryRequest, tx: EntityManager): Promise<void> {
    const { checkoutId, paymentId } = message.payload;
    const payment = await lockPaymentOfCheckout(tx, checkoutId, paymentId);
    if (!payment) {
      // No session of ours exists for it, so nobody can pay it.
      this.logger.warn(`expiry asked for payment ${paymentId} of checkout ${checkoutId}, which we never created`);
      return this.replyExpired(checkoutId, paymentId, false, message, tx);
    }
    // Already paid: the PaymentCompleted written with that change is on its way to the saga.
    if (!canSucceed(payment.status)) return;

    const session = await this.closeSession(payment, message, tx);
    if (session.status === 'complete' && session.paid && session.providerPaymentId) {
      this.metrics.expiry('already_paid');
      return this.completion.complete(tx, payment, session.providerPaymentId, message);
    }
    if (session.status === 'open') throw new SessionStillOpenError(`session ${session.sessionId} is still open at the provider`);
    const pending = session.status === 'complete';
    if (!pending) await updatePayment(tx, payment, { status: 'expired' });
    this.metrics.expiry(pending ? 'payment_pending' : 'expired');
    return this.replyExpired(checkoutId, payment.id, pending, message, tx);
  }

  /** Expires the session; if the provider refuses (it is not open any more), asks where it stands. */
  private async closeSession(payment: PaymentEntity, message: ExpiryRequest, tx: EntityManager): Promise<SessionState> {
    const sessionId = payment.providerSessionId;
    try {
      const expired = await this.provider.expireSession(sessionId);
      await this.recordCall(payment, PROVIDER_OPERATIONS.expireSession, message, tx);
      return expired;
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error; // network or 5xx: retried later
      await this.recordCall(payment, PROVIDER_OPERATIONS.expireSession, message, tx);
    }
    const state = await this.provider.retrieveSession(sessionId);
    await this.recordCall(payment, PROVIDER_OPERATIONS.retrieveSession, message, tx);
    return state;
  }

  private recordCall(payment: PaymentEntity, operation: string, message: ExpiryRequest, tx: EntityManager) {
    const call = { checkoutId: payment.checkoutId, direction: 'to-provider', operation, providerReference: payment.providerSessionId, duplicate: false } as const;
    return this.calls.record(tx, call, payment, message);
  }

  private async replyExpired(checkoutId: string, paymentId: string, paymentPending: boolean, message: ExpiryRequest, tx: EntityManager) {
    const origin = { correlationId: checkoutId, causedBy: message };
    await this.outbox.enqueue(tx, PaymentSessionExpired, { checkoutId, paymentId, paymentPending }, origin);
  }
}
