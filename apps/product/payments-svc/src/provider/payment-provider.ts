import { Inject, Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { z } from 'zod';
import { ProviderSettings } from './provider.settings';
import { STRIPE_CLIENT, withoutCallSite } from './stripe-client';

export interface CheckoutSessionRequest {
  readonly checkoutId: string;
  readonly paymentId: string;
  readonly amount: number;
  readonly currency: string;
  readonly paymentMethod: string;
  readonly description: string;
}

export interface OpenedSession {
  readonly sessionId: string;
  readonly expiresAt: Date;
}

export interface RefundOrder {
  readonly checkoutId: string;
  readonly paymentId: string;
  readonly providerPaymentId: string;
  readonly amount: number;
}

export interface AcceptedRefund {
  readonly refundId: string;
  /** false when the provider answered with a refund that already failed or was cancelled. */
  readonly accepted: boolean;
}

/** A session as the provider reports it now: the truth a webhook is only a hint of. */
export interface SessionState {
  readonly sessionId: string;
  readonly status: 'open' | 'complete' | 'expired';
  readonly paid: boolean;
  readonly providerPaymentId: string | null;
  readonly amount: number | null;
  readonly currency: string | null;
}

/** A payment intent as the provider reports it now. */
export interface IntentState {
  readonly providerPaymentId: string;
  readonly status: string;
  readonly paymentId: string | null;
}

// The SDK's types describe Stripe; the sandbox is another implementation. Check the fields we use.
const openedSession = z.object({ id: z.string().min(1).max(255), expires_at: z.int().positive() });
const sessionState = z.object({
  id: z.string().min(1).max(255),
  status: z.enum(['open', 'complete', 'expired']),
  payment_status: z.string(),
  // Stripe may expand it into an object; we never ask it to.
  payment_intent: z.string().nullish(),
  amount_total: z.int().nullish(),
  currency: z.string().nullish(),
});
const intentState = z.object({
  id: z.string().min(1).max(255),
  status: z.string(),
  metadata: z.record(z.string(), z.string()).nullish(),
});
const createdRefund = z.object({ id: z.string().min(1).max(255), status: z.string().nullable() });

/**
 * The calls this service makes to the provider, each under an idempotency key derived from
 * our own ids: repeating a call (a retry, a redelivered message, a crash before our commit)
 * returns what the first one created instead of creating it twice.
 */
@Injectable()
export class PaymentProvider {
  constructor(
    @Inject(STRIPE_CLIENT) private readonly stripe: Stripe,
    private readonly settings: ProviderSettings,
  ) {}

  async openCheckoutSession(request: CheckoutSessionRequest): Promise<OpenedSession> {
    const { checkoutId, paymentId, amount, currency, paymentMethod, description } = request;
    const session = await withoutCallSite(() =>
      this.stripe.checkout.sessions.create(
        {
          mode: 'payment',
          client_reference_id: checkoutId,
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: currency.toLowerCase(),
                unit_amount: amount,
                product_data: { name: description || 'Checkout' },
              },
            },
          ],
          // payment_method tells the sandbox how its simulated customer behaves; real Stripe ignores it.
          metadata: { checkoutId, paymentId, payment_method: paymentMethod },
          payment_intent_data: { metadata: { checkoutId, paymentId } },
          success_url: this.returnUrl(checkoutId, 'success'),
          cancel_url: this.returnUrl(checkoutId, 'cancel'),
        },
        { idempotencyKey: `checkout-session-${checkoutId}` },
      ),
    );
    const { id, expires_at } = openedSession.parse(session);
    return { sessionId: id, expiresAt: new Date(expires_at * 1000) };
  }

  /** Asks the provider where a session stands (`GET /v1/checkout/sessions/:id`). */
  async retrieveSession(sessionId: string): Promise<SessionState> {
    return toSessionState(await withoutCallSite(() => this.stripe.checkout.sessions.retrieve(sessionId)));
  }

  /** Asks the provider where a payment intent stands (`GET /v1/payment_intents/:id`). */
  async retrieveIntent(providerPaymentId: string): Promise<IntentState> {
    const { id, status, metadata } = intentState.parse(await withoutCallSite(() => this.stripe.paymentIntents.retrieve(providerPaymentId)));
    return { providerPaymentId: id, status, paymentId: metadata?.['paymentId'] ?? null };
  }

  /**
   * Closes a session so that nobody can pay it any more (`POST …/:id/expire`). The provider
   * refuses for a session that is no longer open (paid, or expired already): the caller then
   * asks where it stands. Repeating it is harmless, so no idempotency key is needed.
   */
  async expireSession(sessionId: string): Promise<SessionState> {
    return toSessionState(await withoutCallSite(() => this.stripe.checkout.sessions.expire(sessionId)));
  }

  async refundPayment(order: RefundOrder): Promise<AcceptedRefund> {
    const { checkoutId, paymentId, providerPaymentId, amount } = order;
    const refund = await withoutCallSite(() =>
      this.stripe.refunds.create(
        { payment_intent: providerPaymentId, amount, metadata: { checkoutId, paymentId } },
        { idempotencyKey: `refund-${paymentId}` },
      ),
    );
    const { id, status } = createdRefund.parse(refund);
    return { refundId: id, accepted: status !== 'failed' && status !== 'canceled' };
  }

  private returnUrl(checkoutId: string, outcome: 'success' | 'cancel'): string {
    const url = new URL(this.settings.returnUrl);
    url.searchParams.set('checkout', checkoutId);
    url.searchParams.set('payment', outcome);
    return url.toString();
  }
}

function toSessionState(session: unknown): SessionState {
  const { id, status, payment_status, payment_intent, amount_total, currency } = sessionState.parse(session);
  return {
    sessionId: id,
    status,
    paid: payment_status === 'paid',
    providerPaymentId: payment_intent ?? null,
    amount: amount_total ?? null,
    currency: currency ?? null,
  };
}
