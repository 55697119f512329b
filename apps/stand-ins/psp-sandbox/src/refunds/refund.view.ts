import { unixSeconds } from '../stripe-api/stripe-ids';
import type { Refund, RefundReason } from './refund.entity';

/** The fields of Stripe's `refund` object that the sandbox implements. */
export interface StripeRefund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  payment_intent: string;
  status: 'succeeded';
  reason: RefundReason | null;
  metadata: Record<string, string>;
  created: number;
}

export function toStripeRefund(refund: Refund): StripeRefund {
  return {
    id: refund.id,
    object: 'refund',
    amount: refund.amount,
    currency: refund.currency,
    payment_intent: refund.paymentIntentId,
    status: refund.status,
    reason: refund.reason,
    metadata: refund.metadata,
    created: unixSeconds(refund.createdAt),
  };
}
