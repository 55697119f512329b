/**
 * Payment methods understood by the provider sandbox. The first two are Stripe's own test
 * payment method ids; the others are the sandbox's, for behaviours Stripe's test cards do not
 * produce on their own. The visitor's "Inject failure" choice picks one of these.
 */
export const SANDBOX_PAYMENT_METHODS = {
  /** Pays a moment after the session is created. */
  pays: 'pm_card_visa',
  /** The charge is declined (decline code `generic_decline`). */
  declined: 'pm_card_chargeDeclined',
  /** The customer never pays: the checkout times out. */
  neverPays: 'pm_sandbox_never_pays',
  /** Pays, but only after the checkout's payment timeout has passed. */
  paysLate: 'pm_sandbox_pays_late',
  /** Pays, and the provider delivers the webhook twice. */
  webhookTwice: 'pm_sandbox_webhook_twice',
} as const;

export type SandboxPaymentMethod = (typeof SANDBOX_PAYMENT_METHODS)[keyof typeof SANDBOX_PAYMENT_METHODS];

export const PAYMENT_METHOD_PATTERN = /^pm_[a-zA-Z0-9_]{1,61}$/;
