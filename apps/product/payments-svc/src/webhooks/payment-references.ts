import type { PaymentEntity } from '../payments/payment.entity';
import type { PaymentMetadata } from './provider-event.schema';
import type { RejectionReason } from './provider-event-rejection';

/** What a provider event says about the payment it concerns; null where it says nothing. */
export interface PaymentClaims {
  readonly metadata: PaymentMetadata;
  readonly amount: number | null;
  readonly currency: string | null;
  readonly providerPaymentId: string | null;
}

/**
 * The first reference in an event that disagrees with our record of the payment, or undefined
 * when every one agrees. A reference the event leaves out cannot disagree; one it states must
 * be exactly ours, so an event cannot complete one checkout's payment while naming another's.
 */
export function referenceMismatch(payment: PaymentEntity, claims: PaymentClaims): RejectionReason | undefined {
  const { metadata, amount, currency, providerPaymentId } = claims;
  if (metadata.checkoutId !== undefined && metadata.checkoutId.toLowerCase() !== payment.checkoutId) return 'checkout_mismatch';
  if (metadata.paymentId !== undefined && metadata.paymentId.toLowerCase() !== payment.id) return 'payment_mismatch';
  if (amount !== null && amount !== payment.amount) return 'amount_mismatch';
  // Stripe writes currencies in lower case; ours are ISO upper case.
  if (currency !== null && currency.toUpperCase() !== payment.currency) return 'currency_mismatch';
  // Once the provider named the payment's intent, every later event about it must name the same.
  if (providerPaymentId !== null && payment.providerPaymentId !== null && providerPaymentId !== payment.providerPaymentId) {
    return 'payment_intent_mismatch';
  }
  return undefined;
}
