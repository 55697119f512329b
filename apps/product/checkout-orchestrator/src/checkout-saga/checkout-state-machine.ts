import type { CheckoutData, CheckoutPolicy, CheckoutSnapshot } from './checkout-data';
import { CHECKOUT_SAGA, type CheckoutCommand, type CheckoutState, type CheckoutTimer } from './checkout-saga.definition';
import type { CheckoutEvent, SagaEvent } from './checkout-saga.events';
import { CHECKOUT_GUARDS } from './checkout-saga.guards';
import { recordEvent } from './checkout-saga.records';

/** What applying one event decides; the handler persists it in one transaction. */
export interface Outcome {
  readonly from: CheckoutState;
  readonly to: CheckoutState;
  readonly event: CheckoutEvent;
  readonly send: readonly CheckoutCommand[];
  readonly arm: { readonly timer: CheckoutTimer; readonly inMs: number } | null;
  readonly disarm: readonly CheckoutTimer[];
  readonly compensation: boolean;
  readonly data: CheckoutData;
}

/**
 * Applies one event to a checkout, purely: looks the (state, event) pair up in the table, picks
 * the first row whose guard holds, records the event's data and counts the release attempts.
 * Returns undefined when the table does not accept the event in this state: the caller ignores
 * it, which is how duplicates and stragglers are kept from moving a checkout backwards.
 */
export function applyEvent(snapshot: CheckoutSnapshot, event: SagaEvent, policy: CheckoutPolicy): Outcome | undefined {
  const rows = CHECKOUT_SAGA.states[snapshot.state].on[event.type] ?? [];
  const row = rows.find((candidate) => !candidate.when || CHECKOUT_GUARDS[candidate.when](snapshot.data, policy));
  if (!row) return undefined;

  const recorded = { ...snapshot.data, ...recordEvent(snapshot.data, event) };
  const send = row.send ?? [];
  const releases = send.filter((command) => command === 'StockReleaseRequested').length;
  return {
    from: snapshot.state,
    to: row.to,
    event: event.type,
    send,
    arm: row.arm ? { timer: row.arm, inMs: timerDuration(row.arm, policy) } : null,
    disarm: row.disarm ?? [],
    compensation: row.compensation ?? false,
    data: { ...recorded, releaseAttempts: recorded.releaseAttempts + releases },
  };
}

function timerDuration(timer: CheckoutTimer, policy: CheckoutPolicy): number {
  return timer === 'payment' ? policy.paymentTimeoutMs : policy.releaseTimeoutMs;
}
