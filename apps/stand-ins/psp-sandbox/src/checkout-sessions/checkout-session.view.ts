import { unixSeconds } from '../stripe-api/stripe-ids';
import type { CheckoutSession, SessionPaymentStatus, SessionStatus } from './checkout-session.entity';

/** The fields of Stripe's `checkout.session` object that the sandbox implements. */
export interface StripeCheckoutSession {
  id: string;
  object: 'checkout.session';
  amount_total: number;
  currency: string;
  status: SessionStatus;
  payment_status: SessionPaymentStatus;
  payment_intent: string | null;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  url: string | null;
  created: number;
  expires_at: number;
  livemode: false;
  mode: 'payment';
  success_url: string | null;
  cancel_url: string | null;
}

/** The pay page of a session, where a real customer would enter their card. */
export function payPageUrl(publicUrl: string, sessionId: string): string {
  return `${publicUrl}/pay/${sessionId}`;
}

export function toStripeSession(session: CheckoutSession, publicUrl: string): StripeCheckoutSession {
  return {
    id: session.id,
    object: 'checkout.session',
    amount_total: session.amountTotal,
    currency: session.currency,
    status: session.status,
    payment_status: session.paymentStatus,
    payment_intent: session.paymentIntentId,
    client_reference_id: session.clientReferenceId,
    metadata: session.metadata,
    // Like Stripe: the URL is only offered while the session can still be paid.
    url: session.status === 'open' ? payPageUrl(publicUrl, session.id) : null,
    created: unixSeconds(session.createdAt),
    expires_at: unixSeconds(session.expiresAt),
    livemode: false,
    mode: 'payment',
    success_url: session.successUrl,
    cancel_url: session.cancelUrl,
  };
}
