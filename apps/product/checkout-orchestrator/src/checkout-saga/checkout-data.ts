import type { CheckoutState } from './checkout-saga.definition';

export interface CheckoutItem {
  readonly sku: string;
  readonly qty: number;
}

export interface PricedLine extends CheckoutItem {
  readonly name: string;
  readonly unitAmount: number;
}

/** Everything the saga knows about one checkout: what the table's guards and messages read. */
export interface CheckoutData {
  readonly checkoutId: string;
  readonly items: readonly CheckoutItem[];
  readonly paymentMethod: string;
  readonly lines: readonly PricedLine[] | null;
  readonly amount: number | null;
  readonly currency: string | null;
  readonly reservationId: string | null;
  readonly paymentId: string | null;
  readonly providerPaymentId: string | null;
  readonly refundId: string | null;
  /** Stock release requests sent in the current compensation (the retry budget). */
  readonly releaseAttempts: number;
  /** Which compensation step gave up, when the checkout is Failed. */
  readonly failedStep: 'release' | 'refund' | null;
  /** A refund of a late payment failed and has not been retried yet: money is still held. */
  readonly refundFailed: boolean;
  /** Why the checkout did not complete, in words a visitor can read. */
  readonly reason: string | null;
  /**
   * A visitor follows it live: the shop page started it. Its steps are published as
   * CheckoutTransitioned for the edge, and payments records its provider calls; a bulk API
   * checkout costs the edge nothing (docs/decisions/0041). Absent in a checkout started
   * before the flag existed, which nobody watches.
   */
  readonly watched?: boolean;
}

/** The saga row as the state machine sees it. */
export interface CheckoutSnapshot {
  readonly state: CheckoutState;
  readonly data: CheckoutData;
}

export const CHECKOUT_POLICY = Symbol('CHECKOUT_POLICY');

/** The limits the guards and timers apply (from configuration). */
export interface CheckoutPolicy {
  readonly paymentTimeoutMs: number;
  readonly releaseTimeoutMs: number;
  readonly maxReleaseAttempts: number;
}

/** A checkout's data before anything happened to it: only what the client asked for. */
export function newCheckoutData(
  checkoutId: string,
  order: { items: readonly CheckoutItem[]; paymentMethod: string; watched?: boolean },
): CheckoutData {
  return {
    checkoutId,
    items: order.items.map(({ sku, qty }) => ({ sku, qty })),
    paymentMethod: order.paymentMethod,
    lines: null,
    amount: null,
    currency: null,
    reservationId: null,
    paymentId: null,
    providerPaymentId: null,
    refundId: null,
    releaseAttempts: 0,
    failedStep: null,
    refundFailed: false,
    reason: null,
    watched: order.watched ?? false,
  };
}
