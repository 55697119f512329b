import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CheckoutSession } from '../checkout-sessions/checkout-session.entity';
import { toStripeSession } from '../checkout-sessions/checkout-session.view';
import { LastPaymentError, PaymentIntent, PaymentIntentStatus } from '../payment-intents/payment-intent.entity';
import { toStripePaymentIntent } from '../payment-intents/payment-intent.view';
import { SandboxSettings } from '../sandbox.settings';
import { newId } from '../stripe-api/stripe-ids';
import { EventRecorder } from '../webhooks/event-recorder.service';
import type { EventType, WebhookEvent } from '../webhooks/webhook-event.entity';
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
export class CustomerActionPerformer {
  constructor(
    private readonly events: EventRecorder,
    private readonly settings: SandboxSettings,
  ) {}

  /** Runs in the caller's transaction; returns the event it recorded, if any. */
  async perform(tx: EntityManager, action: CustomerAction): Promise<WebhookEvent | null> {
    // Locked: an expiry of the same session waits for this action, or this action for it.
    const session = await tx.findOne(CheckoutSession, { where: { id: action.sessionId }, lock: { mode: 'pessimistic_write' } });
    if (!session) return null;
    if (action.kind === 'settle_delayed_payment') return this.settle(tx, session, action);
    // A session that is no longer payable (expired, or already complete) stays as it is: a
    // real customer could not pay it either.
    const now = new Date();
    if (session.status !== 'open' || session.expiresAt <= now) return null;
    if (action.kind === 'decline') {
      const intent = await this.createIntent(tx, session, 'requires_payment_method', now);
      return this.events.record(tx, 'payment_intent.payment_failed', toStripePaymentIntent(intent), action.webhookCopies);
    }
    if (action.kind === 'start_delayed_payment') {
      // Stripe completes the session as soon as a delayed method is submitted, still unpaid.
      const intent = await this.createIntent(tx, session, 'processing', now);
      return this.changeSession(tx, session, { status: 'complete', paymentStatus: 'unpaid', paymentIntentId: intent.id }, 'checkout.session.completed', action);
    }
    const intent = await this.createIntent(tx, session, 'succeeded', now);
    return this.changeSession(tx, session, { status: 'complete', paymentStatus: 'paid', paymentIntentId: intent.id }, 'checkout.session.completed', action);
  }

  /** The delayed method's money arrives: only for a session completed unpaid by one. */
  private async settle(tx: EntityManager, session: CheckoutSession, action: CustomerAction): Promise<WebhookEvent | null> {
    if (session.status !== 'complete' || session.paymentStatus !== 'unpaid' || !session.paymentIntentId) return null;
    await tx.update(PaymentIntent, { id: session.paymentIntentId, status: 'processing' }, { status: 'succeeded' });
    return this.changeSession(tx, session, { paymentStatus: 'paid' }, 'checkout.session.async_payment_succeeded', action);
  }

  private async changeSession(
    tx: EntityManager,
    session: CheckoutSession,
    change: Partial<Pick<CheckoutSession, 'status' | 'paymentStatus' | 'paymentIntentId'>>,
    type: EventType,
    action: CustomerAction,
  ): Promise<WebhookEvent> {
    await tx.update(CheckoutSession, { id: session.id }, change);
    const changed = toStripeSession({ ...session, ...change }, this.settings.publicUrl);
    return this.events.record(tx, type, changed, action.webhookCopies);
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
      lastPaymentError: status === 'requires_payment_method' ? CARD_DECLINED : null,
      createdAt: now,
    });
    await tx.insert(PaymentIntent, intent);
    return intent;
  }
}
