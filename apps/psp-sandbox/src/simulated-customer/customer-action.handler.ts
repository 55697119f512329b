import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CheckoutSession } from '../checkout-sessions/checkout-session.entity';
import { toStripeSession } from '../checkout-sessions/checkout-session.view';
import { LastPaymentError, PaymentIntent, PaymentIntentStatus } from '../payment-intents/payment-intent.entity';
import { toStripePaymentIntent } from '../payment-intents/payment-intent.view';
import { SandboxSettings } from '../sandbox.settings';
import { newId } from '../stripe-api/stripe-ids';
import { EventRecorder } from '../webhooks/event-recorder.service';
import type { WebhookEvent } from '../webhooks/webhook-event.entity';
import type { CustomerAction } from './customer-action.entity';

/** What Stripe reports for its `pm_card_chargeDeclined` test card. */
export const CARD_DECLINED: LastPaymentError = {
  type: 'card_error',
  code: 'card_declined',
  decline_code: 'generic_decline',
  message: 'Your card was declined.',
};

/** Carries out a simulated customer's action: the payment, the session's new state, the event. */
@Injectable()
export class CustomerActionHandler {
  constructor(
    private readonly events: EventRecorder,
    private readonly settings: SandboxSettings,
  ) {}

  /** Runs in the caller's transaction; returns the event it recorded, if any. */
  async perform(tx: EntityManager, action: CustomerAction): Promise<WebhookEvent | null> {
    const session = await tx.findOne(CheckoutSession, { where: { id: action.sessionId }, lock: { mode: 'pessimistic_write' } });
    const now = new Date();
    // A session that is no longer payable (expired, or already paid) stays as it is: a real
    // customer could not pay it either.
    if (!session || session.status !== 'open' || session.expiresAt <= now) return null;
    if (action.kind === 'decline') {
      const intent = await this.createIntent(tx, session, 'requires_payment_method', now);
      return this.events.record(tx, 'payment_intent.payment_failed', toStripePaymentIntent(intent), action.webhookCopies);
    }
    const intent = await this.createIntent(tx, session, 'succeeded', now);
    const paid = { status: 'complete', paymentStatus: 'paid', paymentIntentId: intent.id } as const;
    await tx.update(CheckoutSession, { id: session.id }, paid);
    const completed = toStripeSession({ ...session, ...paid }, this.settings.publicUrl);
    return this.events.record(tx, 'checkout.session.completed', completed, action.webhookCopies);
  }

  private async createIntent(tx: EntityManager, session: CheckoutSession, status: PaymentIntentStatus, now: Date) {
    const intent = tx.create(PaymentIntent, {
      id: newId('pi'),
      sessionId: session.id,
      amount: session.amountTotal,
      currency: session.currency,
      status,
      // Stripe copies payment_intent_data[metadata] onto the intent; the session's metadata
      // comes along too, so a receiver finds its ids (checkoutId, paymentId) on either event.
      metadata: { ...session.metadata, ...session.paymentIntentMetadata },
      lastPaymentError: status === 'succeeded' ? null : CARD_DECLINED,
      createdAt: now,
    });
    await tx.insert(PaymentIntent, intent);
    return intent;
  }
}
