import { SANDBOX_PAYMENT_METHODS, type SandboxPaymentMethod } from '@checkout/contracts';
import type { CustomerActionKind } from './customer-action.entity';

/**
 * The payment method ids the sandbox understands. They live in @checkout/contracts because
 * payments-svc (and the web UI's "Inject failure") pick them; this file says what each does.
 */
export { SANDBOX_PAYMENT_METHODS, type SandboxPaymentMethod };

export interface CustomerStep {
  readonly action: CustomerActionKind;
  /** After PSP_PAY_DELAY_MS ('prompt') or PSP_LATE_PAY_DELAY_MS ('late'), from the session's creation. */
  readonly timing: 'prompt' | 'late';
}

export interface CustomerBehaviour {
  readonly steps: readonly CustomerStep[];
  /** How often each resulting event is delivered: 2 plays Stripe's at-least-once delivery. */
  readonly webhookCopies: number;
}

/**
 * What the simulated customer does with a session, by the payment method the shop visitor
 * picked (`metadata[payment_method]`). Real Stripe Checkout waits for a real person; the
 * sandbox plays that person, and each id is an input that drives one saga scenario.
 * `null`: the customer walks away and nothing happens, as with a missing or unknown id.
 */
export const SIMULATED_CUSTOMERS: Readonly<Record<SandboxPaymentMethod, CustomerBehaviour | null>> = {
  /** Stripe's test card that succeeds: paid after PSP_PAY_DELAY_MS → checkout.session.completed. */
  [SANDBOX_PAYMENT_METHODS.pays]: { steps: [{ action: 'pay', timing: 'prompt' }], webhookCopies: 1 },
  /** Stripe's test card that is declined → payment_intent.payment_failed; the session stays open. */
  [SANDBOX_PAYMENT_METHODS.declined]: { steps: [{ action: 'decline', timing: 'prompt' }], webhookCopies: 1 },
  /** Never pays: the checkout's payment timeout has to act. */
  [SANDBOX_PAYMENT_METHODS.neverPays]: null,
  /**
   * Pays by a method that settles late, the way money really reaches a shop after it gave up
   * (nobody can pay a session once it is expired): the session completes unpaid at once, so
   * the shop's expiry is refused, and the money arrives after PSP_LATE_PAY_DELAY_MS
   * (checkout.session.async_payment_succeeded), after the checkout gave up: it must be refunded.
   */
  [SANDBOX_PAYMENT_METHODS.paysLate]: {
    steps: [
      { action: 'start_delayed_payment', timing: 'prompt' },
      { action: 'settle_delayed_payment', timing: 'late' },
    ],
    webhookCopies: 1,
  },
  /** Pays, and the same event (same id) is delivered twice: the receiver must de-duplicate. */
  [SANDBOX_PAYMENT_METHODS.webhookTwice]: { steps: [{ action: 'pay', timing: 'prompt' }], webhookCopies: 2 },
};

export function customerBehaviour(paymentMethod: string | null): CustomerBehaviour | null {
  return isSandboxPaymentMethod(paymentMethod) ? SIMULATED_CUSTOMERS[paymentMethod] : null;
}

function isSandboxPaymentMethod(value: string | null): value is SandboxPaymentMethod {
  return value !== null && Object.hasOwn(SIMULATED_CUSTOMERS, value);
}
