import { InvalidRequestError } from '../stripe-api/stripe-api.error';

/**
 * How much a refund gives back: the amount asked for, or by default all that is left. Never
 * more than is left: together, a payment's refunds cannot exceed what was paid.
 */
export function refundAmount(paymentIntentId: string, paid: number, alreadyRefunded: number, requested?: number): number {
  const remaining = paid - alreadyRefunded;
  if (remaining <= 0) {
    throw new InvalidRequestError(`Charge for payment intent ${paymentIntentId} has already been refunded.`, {
      code: 'charge_already_refunded',
      param: 'payment_intent',
    });
  }
  if (requested !== undefined && requested > remaining) {
    throw new InvalidRequestError(
      `Refund amount (${requested}) is greater than unrefunded amount on charge (${remaining}).`,
      { code: 'amount_too_large', param: 'amount' },
    );
  }
  return requested ?? remaining;
}
