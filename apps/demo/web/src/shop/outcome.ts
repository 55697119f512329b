import type { CheckoutView } from '../api/edge-api.types';

/** How a checkout ended, in the words of the banner. Null while it is still running. */
export interface Outcome {
  readonly kind: 'completed' | 'cancelled' | 'attention';
  readonly state: string;
  readonly text: string;
}

/** The saga's success state and its needs-an-operator state (see checkout-saga.definition.ts). */
const COMPLETED = 'Completed';
const NEEDS_ATTENTION = 'Failed';

export function outcomeOf(view: CheckoutView): Outcome | null {
  if (view.state === NEEDS_ATTENTION) {
    return { kind: 'attention', state: view.state, text: `${view.state} — needs attention` };
  }
  if (!view.final) {
    return null;
  }
  if (view.state === COMPLETED) {
    return { kind: 'completed', state: view.state, text: view.state };
  }
  const reason = view.reason ? ` — ${view.reason}` : '';
  const refund = view.refunded ? ', refunded' : '';
  return { kind: 'cancelled', state: view.state, text: `${view.state}${reason}${refund}` };
}
