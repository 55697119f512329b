import {
  PaymentCompleted,
  PaymentFailed,
  PaymentRefunded,
  PaymentSessionCreated,
  PaymentSessionExpired,
  PaymentSessionFailed,
  RefundFailed,
  StockCommitted,
  StockReleased,
  StockReservationFailed,
  StockReserved,
} from '@checkout/contracts';

/**
 * Everything the orchestrator listens to: the replies of the services its saga drives. The
 * saga's event names and payload types are derived from this list (checkout-saga.events.ts);
 * CheckoutMessageController's one `@EventPattern` consumes exactly these from the orchestrator's queue.
 */
export const CHECKOUT_SUBSCRIPTIONS = [
  StockReserved,
  StockReservationFailed,
  StockReleased,
  // Retired (docs/decisions/0051): no longer sent. Still subscribed, so one an earlier catalog
  // left queued is taken, found in no state of the table and ignored, not dead-lettered.
  StockCommitted,
  PaymentSessionCreated,
  PaymentSessionFailed,
  PaymentCompleted,
  PaymentFailed,
  PaymentSessionExpired,
  PaymentRefunded,
  RefundFailed,
] as const;

/** The orchestrator's queue (and its inbox consumer name), named after the service. */
export const ORCHESTRATOR_QUEUE = 'checkout-orchestrator';
