import type { CheckoutData, PricedLine } from './checkout-data';
import type { CheckoutEvent } from './checkout-saga.definition';

/** The payloads of the events the saga reacts to, as far as the saga reads them. */
export interface CheckoutEventPayloads {
  StockReserved: { reservationId: string; lines: readonly PricedLine[]; amount: number; currency: string };
  StockReservationFailed: { reason: 'OUT_OF_STOCK' | 'UNKNOWN_SKU'; sku: string | null };
  PaymentSessionCreated: { paymentId: string };
  PaymentSessionFailed: { reason: string };
  PaymentCompleted: { paymentId: string; providerPaymentId: string };
  PaymentFailed: { reason: string; declineCode: string | null };
  PaymentTimedOut: { afterMs: number };
  PaymentSessionExpired: { paymentPending: boolean };
  StockReleased: object;
  ReleaseTimedOut: object;
  StockCommitted: object;
  PaymentRefunded: { refundId: string };
  RefundFailed: { reason: string };
  ResumeRequested: object;
}

type Recorder<E extends CheckoutEvent> = (data: CheckoutData, payload: CheckoutEventPayloads[E]) => Partial<CheckoutData>;

/**
 * What each accepted event adds to the checkout's data. Applied only when the table accepted
 * the event, so an ignored (late or duplicate) event records nothing either.
 */
export const CHECKOUT_RECORDS: { [E in CheckoutEvent]: Recorder<E> } = {
  StockReserved: (_, e) => ({ reservationId: e.reservationId, lines: e.lines, amount: e.amount, currency: e.currency }),
  StockReservationFailed: (_, e) => ({
    reason: e.reason === 'OUT_OF_STOCK' ? `out of stock: ${e.sku}` : `unknown product: ${e.sku}`,
  }),
  PaymentSessionCreated: (_, e) => ({ paymentId: e.paymentId }),
  PaymentSessionFailed: (_, e) => ({ reason: `payment could not start: ${e.reason}` }),
  PaymentCompleted: (_, e) => ({ paymentId: e.paymentId, providerPaymentId: e.providerPaymentId }),
  PaymentFailed: (_, e) => ({ reason: `payment declined${e.declineCode ? ` (${e.declineCode})` : ''}` }),
  PaymentTimedOut: (_, e) => ({ reason: `no payment within ${Math.round(e.afterMs / 1000)} s` }),
  PaymentSessionExpired: (data, e) => (e.paymentPending ? { reason: `${data.reason ?? 'no payment in time'}; a payment still pending will be refunded` } : {}),
  // Stock is back: if releasing was what had failed, it no longer is.
  StockReleased: (data) => (data.failedStep === 'release' ? { failedStep: null } : {}),
  // Marks the step in case this timeout is the one that exhausts the budget (then: Failed).
  ReleaseTimedOut: () => ({ failedStep: 'release' }),
  StockCommitted: () => ({}),
  PaymentRefunded: (_, e) => ({ refundId: e.refundId }),
  RefundFailed: (_, e) => ({ refundFailed: true, reason: `refund failed: ${e.reason}` }),
  // Resuming retries the step that gave up; a failed refund stays owed while stock is released first.
  ResumeRequested: (data) => ({
    releaseAttempts: 0,
    failedStep: null,
    refundFailed: data.failedStep === 'release' ? data.refundFailed : false,
  }),
};
