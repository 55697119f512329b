import type { CheckoutEvent } from './checkout-saga.events';
import type { SagaDefinition } from './saga-definition.types';

/**
 * THE CHECKOUT SAGA, as a table. Read top to bottom: for each state, the events it accepts,
 * where each takes the checkout, what it sends, and which timers it arms or cancels.
 * Compensations sit next to the step they undo. Anything not listed here is ignored
 * (a duplicate or late event never moves a checkout backwards). The web UI draws its state
 * diagram from this very object.
 */

export const CHECKOUT_STATES = [
  'Initiated',
  'StockReserved',
  'AwaitingPayment',
  'ExpiringPayment',
  'Completed',
  'Compensating',
  'Cancelled',
  'Failed',
] as const;
export type CheckoutState = (typeof CHECKOUT_STATES)[number];

/** Messages the saga sends (through the outbox). */
export type CheckoutCommand =
  | 'StockReservationRequested'
  | 'PaymentSessionRequested'
  | 'PaymentSessionExpiryRequested'
  | 'StockCommitRequested'
  | 'StockReleaseRequested'
  | 'RefundRequested'
  | 'CheckoutCompleted'
  | 'CheckoutCancelled'
  | 'CheckoutFailed';

/** Named conditions, evaluated by `checkout-saga.guards.ts`. */
export type CheckoutGuard =
  | 'releaseRetriesLeft'
  | 'releaseRetriesExhausted'
  | 'failedReleasingStock'
  | 'failedRefunding'
  | 'refundOutstanding';

export type CheckoutTimer = 'payment' | 'release';

export const CHECKOUT_SAGA: SagaDefinition<CheckoutState, CheckoutEvent, CheckoutCommand, CheckoutGuard, CheckoutTimer> = {
  name: 'Checkout',
  initial: 'Initiated',
  start: { send: ['StockReservationRequested'] },
  states: {
    Initiated: {
      on: {
        StockReserved: [{ to: 'StockReserved', send: ['PaymentSessionRequested'] }],
        StockReservationFailed: [{ to: 'Cancelled', send: ['CheckoutCancelled'], note: 'nothing was reserved: nothing to undo' }],
      },
    },
    StockReserved: {
      on: {
        PaymentSessionCreated: [{ to: 'AwaitingPayment', arm: 'payment' }],
        PaymentSessionFailed: [
          { to: 'Compensating', send: ['StockReleaseRequested'], arm: 'release', compensation: true },
        ],
        // Messages from one service can overtake each other: the payment's outcome may arrive
        // before its session's confirmation. It must not be dropped, or money would be kept.
        PaymentCompleted: [
          { to: 'Completed', send: ['StockCommitRequested', 'CheckoutCompleted'], note: 'the payment overtook its session confirmation' },
        ],
        PaymentFailed: [
          { to: 'Compensating', send: ['StockReleaseRequested'], arm: 'release', compensation: true },
        ],
      },
    },
    AwaitingPayment: {
      on: {
        PaymentCompleted: [{ to: 'Completed', send: ['StockCommitRequested', 'CheckoutCompleted'], disarm: ['payment'] }],
        PaymentFailed: [
          { to: 'Compensating', send: ['StockReleaseRequested'], disarm: ['payment'], arm: 'release', compensation: true },
        ],
        // Our clock is no proof that nobody paid: a PaymentCompleted may be stuck behind an
        // outage of our own. The provider closes the session first and says which it was.
        PaymentTimedOut: [
          { to: 'ExpiringPayment', send: ['PaymentSessionExpiryRequested'], arm: 'payment', note: 'no payment yet: close the session at the provider before giving up' },
        ],
      },
    },
    ExpiringPayment: {
      on: {
        PaymentCompleted: [
          { to: 'Completed', send: ['StockCommitRequested', 'CheckoutCompleted'], disarm: ['payment'], note: 'the customer had paid: the provider is the truth, not our timer' },
        ],
        PaymentSessionExpired: [
          { to: 'Compensating', send: ['StockReleaseRequested'], disarm: ['payment'], arm: 'release', compensation: true, note: 'the provider closed the session unpaid' },
        ],
        PaymentTimedOut: [
          { to: 'ExpiringPayment', send: ['PaymentSessionExpiryRequested'], arm: 'payment', note: 'no answer yet: ask again (payments answers a repeat alike)' },
        ],
      },
    },
    Compensating: {
      on: {
        StockReleased: [
          { when: 'refundOutstanding', to: 'Failed', send: ['CheckoutFailed'], disarm: ['release'], note: 'stock is back but a refund failed' },
          { to: 'Cancelled', send: ['CheckoutCancelled'], disarm: ['release'], compensation: true },
        ],
        ReleaseTimedOut: [
          { when: 'releaseRetriesLeft', to: 'Compensating', send: ['StockReleaseRequested'], arm: 'release', compensation: true },
          { when: 'releaseRetriesExhausted', to: 'Failed', send: ['CheckoutFailed'], note: 'an operator must resume it' },
        ],
        PaymentCompleted: [
          { to: 'Compensating', send: ['RefundRequested'], compensation: true, note: 'paid after we gave up: refund, never keep' },
        ],
        PaymentRefunded: [{ to: 'Compensating', compensation: true }],
        RefundFailed: [{ to: 'Compensating', note: 'remembered: the checkout cannot end Cancelled with money kept' }],
      },
    },
    // The sale is a command, not a question: the catalog holds the stock, so committing it
    // cannot fail, and the outbox delivers the command until it is done. No reply is awaited.
    Completed: { final: true, on: {} },
    Cancelled: {
      final: true,
      on: {
        PaymentCompleted: [
          { to: 'Cancelled', send: ['RefundRequested'], compensation: true, note: 'paid after we gave up: refund, never keep' },
        ],
        PaymentRefunded: [{ to: 'Cancelled', compensation: true }],
        RefundFailed: [{ to: 'Failed', send: ['CheckoutFailed'], note: 'money kept for a cancelled order: an operator must act' }],
      },
    },
    Failed: {
      attention: true,
      on: {
        ResumeRequested: [
          { when: 'failedReleasingStock', to: 'Compensating', send: ['StockReleaseRequested'], arm: 'release', compensation: true },
          { when: 'failedRefunding', to: 'Cancelled', send: ['RefundRequested'], compensation: true },
        ],
        StockReleased: [
          { when: 'refundOutstanding', to: 'Failed', note: 'stock is back; the failed refund still needs an operator' },
          { to: 'Cancelled', send: ['CheckoutCancelled'], compensation: true, note: 'the release got through after all' },
        ],
        PaymentCompleted: [{ to: 'Failed', send: ['RefundRequested'], compensation: true }],
        PaymentRefunded: [{ to: 'Cancelled', compensation: true }],
        RefundFailed: [{ to: 'Failed' }],
      },
    },
  },
};
