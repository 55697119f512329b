import { unixSeconds } from '../stripe-api/stripe-ids';
import type { LastPaymentError, PaymentIntent, PaymentIntentStatus } from './payment-intent.entity';

/** The fields of Stripe's `payment_intent` object that the sandbox implements. */
export interface StripePaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  currency: string;
  status: PaymentIntentStatus;
  metadata: Record<string, string>;
  last_payment_error: LastPaymentError | null;
  created: number;
  livemode: false;
}

export function toStripePaymentIntent(intent: PaymentIntent): StripePaymentIntent {
  return {
    id: intent.id,
    object: 'payment_intent',
    amount: intent.amount,
    currency: intent.currency,
    status: intent.status,
    metadata: intent.metadata,
    last_payment_error: intent.lastPaymentError,
    created: unixSeconds(intent.createdAt),
    livemode: false,
  };
}
