import type { CheckoutData } from './checkout-data';
import type { CheckoutEvent, CheckoutEventPayloads, SagaEvent } from './checkout-saga.events';

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
  StockCommitted: () => ({}), // retired: accepted in no state (docs/decisions/0051)
  PaymentRefunded: (_, e) => ({ refundId: e.refundId }),
  RefundFailed: (_, e) => ({ refundFailed: true, reason: `refund failed: ${e.reason}` }),
  // Resuming retries the step that gave up; a failed refund stays owed while stock is released first.
  ResumeRequested: (data) => ({
    releaseAttempts: 0,
    failedStep: null,
    refundFailed: data.failedStep === 'release' ? data.refundFailed : false,
  }),
};

/** What `event` adds to `data`. */
export function recordEvent<E extends CheckoutEvent>(data: CheckoutData, event: SagaEvent<E>): Partial<CheckoutData> {
  const record: Recorder<E> = CHECKOUT_RECORDS[event.type];
  return record(data, event.payload);
}
