export { PARTICIPANTS, isParticipant } from './participants/participant';
export type { Participant } from './participants/participant';

export { ContractViolationError } from './errors/contract-violation.error';

export { defineMessage } from './messages/define-message';
export type { MessageSpec, PayloadSchema } from './messages/define-message';
export type {
  MessageDefinition,
  MessageKind,
  PayloadOf,
  TypeOf,
} from './messages/message-definition';
export type { DeepReadonly } from './messages/deep-readonly.type';
export { CHECKOUT_EXCHANGE, routingKeyFor } from './messages/routing-key';

export { messageEnvelopeSchema } from './envelope/message-envelope';
export type { EnvelopeOf, MessageEnvelope } from './envelope/message-envelope';
export { createEnvelope } from './envelope/create-envelope';
export type { EnvelopeContext } from './envelope/create-envelope';
export { childTraceparent, isTraceparent, newTraceparent, traceIdOf } from './envelope/traceparent';

export { MAX_ORDER_LINES, SKU_PATTERN } from './checkout/checkout-fields';
export { StockReservationRequested } from './checkout/stock-reservation-requested.command';
export { StockReserved } from './checkout/stock-reserved.event';
export { StockReservationFailed } from './checkout/stock-reservation-failed.event';
export { PaymentSessionRequested } from './checkout/payment-session-requested.command';
export { PaymentSessionCreated } from './checkout/payment-session-created.event';
export { PaymentSessionFailed } from './checkout/payment-session-failed.event';
export { PaymentCompleted } from './checkout/payment-completed.event';
export { PaymentFailed } from './checkout/payment-failed.event';
export { PaymentSessionExpiryRequested } from './checkout/payment-session-expiry-requested.command';
export { PaymentSessionExpired } from './checkout/payment-session-expired.event';
export { StockCommitRequested } from './checkout/stock-commit-requested.command';
export { StockCommitted } from './checkout/stock-committed.event';
export { StockReleaseRequested } from './checkout/stock-release-requested.command';
export { StockReleased } from './checkout/stock-released.event';
export { RefundRequested } from './checkout/refund-requested.command';
export { PaymentRefunded } from './checkout/payment-refunded.event';
export { RefundFailed } from './checkout/refund-failed.event';
export { CheckoutCompleted } from './checkout/checkout-completed.event';
export { CheckoutCancelled } from './checkout/checkout-cancelled.event';
export { CheckoutFailed } from './checkout/checkout-failed.event';
export { ProviderCallRecorded } from './checkout/provider-call-recorded.event';
export { CheckoutTransitioned } from './checkout/checkout-transitioned.event';

export { MESSAGE_CATALOGUE, findMessageDefinition, parseMessage } from './catalogue';
export type { CheckoutMessage, CheckoutMessageDefinition, CheckoutMessageType } from './catalogue';

export { PAYMENT_METHOD_PATTERN, SANDBOX_PAYMENT_METHODS } from './payments/sandbox-payment-methods';
export type { SandboxPaymentMethod } from './payments/sandbox-payment-methods';
export { SANDBOX_CREDENTIALS } from './payments/sandbox-credentials';
export { asyncApiDocument } from './asyncapi/asyncapi.document';
