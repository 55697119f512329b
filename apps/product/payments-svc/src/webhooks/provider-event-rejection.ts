/**
 * Why a signed provider event changed nothing. Each is a label of
 * `provider_events_rejected_total` and the `reason` of the log line, so an operator can tell a
 * misrouted event from a forged one at a glance.
 */
export type RejectionReason =
  /** No payment of ours has this session (or, for an intent event, this payment id). */
  | 'unknown_payment'
  | 'checkout_mismatch'
  | 'payment_mismatch'
  | 'amount_mismatch'
  | 'currency_mismatch'
  | 'payment_intent_mismatch'
  /** The event says paid; the provider, asked directly, does not. */
  | 'not_paid_at_provider'
  /** The event says declined; the provider, asked about that intent, does not. */
  | 'not_declined_at_provider';

/** Thrown inside the webhook's transaction, so that it rolls back: nothing stored, nothing sent. */
export class ProviderEventRejection extends Error {
  constructor(
    readonly reason: RejectionReason,
    readonly checkoutId: string | null,
  ) {
    super(`provider event rejected: ${reason}`);
    this.name = 'ProviderEventRejection';
  }
}
