import { Injectable } from '@nestjs/common';
import { CheckoutSession } from '../checkout-sessions/checkout-session.entity';
import { toStripeSession } from '../checkout-sessions/checkout-session.view';
import { LastPaymentError, PaymentIntent, PaymentIntentStatus } from '../payment-intents/payment-intent.entity';
import { toStripePaymentIntent } from '../payment-intents/payment-intent.view';
import { SandboxSettings } from '../sandbox.settings';
import { newId } from '../stripe-api/stripe-ids';
import type { NewEvent } from '../webhooks/event-recorder.service';
import type { EventType } from '../webhooks/webhook-event.entity';
import type { ClaimedAction } from './claimed-action';

/** What Stripe reports for its `pm_card_chargeDeclined` test card. */
export const CARD_DECLINED: LastPaymentError = {
  type: 'card_error',
  code: 'card_declined',
  decline_code: 'generic_decline',
  message: 'Your card was declined.',
};

/** The rows one action changes; the worker writes a whole batch's outcomes together. */
export interface ActionOutcome {
  /** A new payment intent to insert. */
  readonly intent?: PaymentIntent;
  /** A delayed payment's intent that settles (processing → succeeded). */
  readonly settledIntentId?: string;
  /** The session after the action, when it changed (the same object, changed in place). */
  readonly session?: CheckoutSession;
  readonly event?: Omit<NewEvent, 'traceparent'>;
}

type SessionChange = Partial<Pick<CheckoutSession, 'status' | 'paymentStatus' | 'paymentIntentId'>>;

/**
 * Decides what a simulated customer's action does to its session, in memory: the caller holds
 * the session's row lock and writes the outcome. It changes `session` in place, so a second
 * action on the same session in one batch sees the first one's effect, as it would have seen
 * it committed.
 */
@Injectable()
export class CustomerActionPerformer {
  constructor(private readonly settings: SandboxSettings) {}

  perform(session: CheckoutSession, action: ClaimedAction, now: Date): ActionOutcome {
    if (action.kind === 'settle_delayed_payment') return this.settle(session, action);
    // A session that is no longer payable (expired, or already complete) stays as it is: a
    // real customer could not pay it either.
    if (session.status !== 'open' || session.expiresAt <= now) return {};
    if (action.kind === 'decline') {
      const intent = this.newIntent(session, 'requires_payment_method', now);
      return { intent, event: { type: 'payment_intent.payment_failed', object: toStripePaymentIntent(intent), copies: action.webhookCopies } };
    }
    // Stripe completes the session as soon as a delayed method is submitted, still unpaid.
    const delayed = action.kind === 'start_delayed_payment';
    const intent = this.newIntent(session, delayed ? 'processing' : 'succeeded', now);
    const change = { status: 'complete', paymentStatus: delayed ? 'unpaid' : 'paid', paymentIntentId: intent.id } as const;
    return { intent, ...this.changeSession(session, change, 'checkout.session.completed', action) };
  }

  /** The delayed method's money arrives: only for a session completed unpaid by one. */
  private settle(session: CheckoutSession, action: ClaimedAction): ActionOutcome {
    if (session.status !== 'complete' || session.paymentStatus !== 'unpaid' || !session.paymentIntentId) return {};
    return { settledIntentId: session.paymentIntentId, ...this.changeSession(session, { paymentStatus: 'paid' }, 'checkout.session.async_payment_succeeded', action) };
  }

  private changeSession(session: CheckoutSession, change: SessionChange, type: EventType, action: ClaimedAction): ActionOutcome {
    Object.assign(session, change);
    return { session, event: { type, object: toStripeSession(session, this.settings.publicUrl), copies: action.webhookCopies } };
  }

  private newIntent(session: CheckoutSession, status: PaymentIntentStatus, now: Date): PaymentIntent {
    return {
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
    };
  }
}
