import {
  CheckoutCancelled,
  CheckoutCompleted,
  CheckoutFailed,
  type MessageDefinition,
  PaymentSessionExpiryRequested,
  PaymentSessionRequested,
  RefundRequested,
  StockCommitRequested,
  StockReleaseRequested,
  StockReservationRequested,
} from '@checkout/contracts';
import type { CheckoutData } from './checkout-data';
import type { CheckoutCommand } from './checkout-saga.definition';

/** A saga row names a message; this says which contract it is and how its payload is built. */
export interface OutgoingMessage<Payload = unknown> {
  readonly definition: MessageDefinition<string, Payload>;
  readonly compose: (data: CheckoutData) => Payload;
}

export class SagaDataMissingError extends Error {
  readonly code = 'CHECKOUT.SAGA_DATA_MISSING';
}

const outgoing = <P>(definition: MessageDefinition<string, P>, compose: (data: CheckoutData) => P): OutgoingMessage =>
  ({ definition, compose }) as OutgoingMessage;

/** Reads a field the table guarantees is known by now; its absence is a bug, not bad input. */
function known<T>(value: T | null, field: string, data: CheckoutData): T {
  if (value === null) throw new SagaDataMissingError(`checkout ${data.checkoutId} has no ${field} yet`);
  return value;
}

export const CHECKOUT_MESSAGES: Record<CheckoutCommand, OutgoingMessage> = {
  StockReservationRequested: outgoing(StockReservationRequested, (d) => ({ checkoutId: d.checkoutId, items: d.items })),
  PaymentSessionRequested: outgoing(PaymentSessionRequested, (d) => ({
    checkoutId: d.checkoutId,
    amount: known(d.amount, 'amount', d),
    currency: known(d.currency, 'currency', d),
    paymentMethod: d.paymentMethod,
    description: describeOrder(d),
    // Only when true: an unwatched checkout's request stays the message it was before the flag.
    ...(d.watched ? { watched: true as const } : {}),
  })),
  PaymentSessionExpiryRequested: outgoing(PaymentSessionExpiryRequested, (d) => ({
    checkoutId: d.checkoutId,
    paymentId: known(d.paymentId, 'paymentId', d),
  })),
  StockCommitRequested: outgoing(StockCommitRequested, (d) => ({
    checkoutId: d.checkoutId,
    reservationId: known(d.reservationId, 'reservationId', d),
  })),
  StockReleaseRequested: outgoing(StockReleaseRequested, (d) => ({
    checkoutId: d.checkoutId,
    reservationId: d.reservationId,
    reason: d.reason ?? 'checkout cancelled',
  })),
  RefundRequested: outgoing(RefundRequested, (d) => ({
    checkoutId: d.checkoutId,
    paymentId: known(d.paymentId, 'paymentId', d),
    amount: known(d.amount, 'amount', d),
    currency: known(d.currency, 'currency', d),
    reason: 'the payment arrived after the checkout was cancelled',
  })),
  CheckoutCompleted: outgoing(CheckoutCompleted, (d) => ({
    checkoutId: d.checkoutId,
    amount: known(d.amount, 'amount', d),
    currency: known(d.currency, 'currency', d),
  })),
  CheckoutCancelled: outgoing(CheckoutCancelled, (d) => ({ checkoutId: d.checkoutId, reason: d.reason ?? 'cancelled' })),
  CheckoutFailed: outgoing(CheckoutFailed, (d) => ({
    checkoutId: d.checkoutId,
    reason:
      d.failedStep === 'release'
        ? `stock release unanswered after ${d.releaseAttempts} attempts`
        : (d.reason ?? 'refund failed'),
  })),
};

function describeOrder(data: CheckoutData): string {
  const lines = data.lines ?? data.items.map((item) => ({ ...item, name: item.sku }));
  return lines.map((line) => `${line.qty} × ${line.name}`).join(', ').slice(0, 200);
}
