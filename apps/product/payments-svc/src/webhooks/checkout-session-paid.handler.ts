import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PaymentCompletion } from '../payments/payment-completion';
import type { PaymentEntity } from '../payments/payment.entity';
import { canSucceed, findPaymentBySession, lockCheckout } from '../payments/payment.repository';
import { PaymentProvider, type SessionState } from '../provider/payment-provider';
import { unknownToProvider } from '../provider/provider-refusal';
import { referenceMismatch } from './payment-references';
import type { PaidSession } from './provider-event.schema';
import { ProviderEventRejection } from './provider-event-rejection';

/**
 * The provider says a session was paid. That is a hint, not proof: the payment changes only
 * when the session is one we opened, every reference in the event is ours, and the provider,
 * asked directly, confirms the session complete and paid. Then the payment succeeds and the
 * saga hears PaymentCompleted. Anything else throws a ProviderEventRejection, which rolls the
 * webhook's transaction back.
 */
@Injectable()
export class CheckoutSessionPaidHandler {
  constructor(
    private readonly completion: PaymentCompletion,
    private readonly provider: PaymentProvider,
  ) {}

  /** The payment the event is about, once its references prove it; no provider call yet. */
  async match(session: PaidSession, tx: EntityManager): Promise<PaymentEntity> {
    // Session creation holds this lock while it calls the provider: a webhook overtaking that
    // commit waits here instead of finding no session. Taken on the claimed checkout only
    // because it is a lock, not a lookup: whose payment this is comes from the session id. The
    // lock and the read are sent together and answered in order: the read runs once the lock is held.
    const { checkoutId } = session.metadata;
    const [, payment] = await Promise.all([checkoutId ? lockCheckout(tx, checkoutId) : undefined, findPaymentBySession(tx, session.sessionId)]);
    if (!payment) throw new ProviderEventRejection('unknown_payment', null);
    const mismatch = referenceMismatch(payment, session);
    if (mismatch) throw new ProviderEventRejection(mismatch, payment.checkoutId);
    return payment;
  }

  async apply(payment: PaymentEntity, session: PaidSession, tx: EntityManager): Promise<void> {
    if (!canSucceed(payment.status)) return; // already succeeded (or refunded): that event did everything
    await this.confirmPaid(payment, session);
    await this.completion.complete(tx, payment, session.providerPaymentId);
  }

  private async confirmPaid(payment: PaymentEntity, event: PaidSession): Promise<void> {
    const truth: SessionState | null = await this.provider.retrieveSession(payment.providerSessionId).catch((error: unknown) => {
      if (unknownToProvider(error)) return null;
      throw error; // the provider could not be asked: nothing changes, its retry decides
    });
    const paid = truth?.status === 'complete' && truth.paid && truth.providerPaymentId === event.providerPaymentId;
    if (!truth || !paid || referenceMismatch(payment, { metadata: {}, ...truth })) {
      throw new ProviderEventRejection('not_paid_at_provider', payment.checkoutId);
    }
  }
}
