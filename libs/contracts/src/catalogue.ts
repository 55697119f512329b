import { CheckoutCancelled } from './checkout/checkout-cancelled.event';
import { CheckoutCompleted } from './checkout/checkout-completed.event';
import { CheckoutFailed } from './checkout/checkout-failed.event';
import { CheckoutTransitioned } from './checkout/checkout-transitioned.event';
import { PaymentCompleted } from './checkout/payment-completed.event';
import { PaymentFailed } from './checkout/payment-failed.event';
import { PaymentRefunded } from './checkout/payment-refunded.event';
import { PaymentSessionCreated } from './checkout/payment-session-created.event';
import { PaymentSessionExpired } from './checkout/payment-session-expired.event';
import { PaymentSessionExpiryRequested } from './checkout/payment-session-expiry-requested.command';
import { PaymentSessionFailed } from './checkout/payment-session-failed.event';
import { PaymentSessionRequested } from './checkout/payment-session-requested.command';
import { ProviderCallRecorded } from './checkout/provider-call-recorded.event';
import { RefundFailed } from './checkout/refund-failed.event';
import { RefundRequested } from './checkout/refund-requested.command';
import { StockCommitRequested } from './checkout/stock-commit-requested.command';
import { StockCommitted } from './checkout/stock-committed.event';
import { StockReleaseRequested } from './checkout/stock-release-requested.command';
import { StockReleased } from './checkout/stock-released.event';
import { StockReservationFailed } from './checkout/stock-reservation-failed.event';
import { StockReservationRequested } from './checkout/stock-reservation-requested.command';
import { StockReserved } from './checkout/stock-reserved.event';
import { correlationMismatch } from './envelope/correlation';
import {
  type EnvelopeOf,
  type MessageEnvelope,
  messageEnvelopeSchema,
} from './envelope/message-envelope';
import { ContractViolationError } from './errors/contract-violation.error';
import type { MessageDefinition } from './messages/message-definition';
import { checkAgainst } from './validation/check-against';

/** Every checkout message, in the order the saga's happy path and compensations use them. */
export const MESSAGE_CATALOGUE = [
  StockReservationRequested,
  StockReserved,
  StockReservationFailed,
  PaymentSessionRequested,
  PaymentSessionCreated,
  PaymentSessionFailed,
  PaymentCompleted,
  PaymentFailed,
  PaymentSessionExpiryRequested,
  PaymentSessionExpired,
  StockCommitRequested,
  StockCommitted,
  StockReleaseRequested,
  StockReleased,
  RefundRequested,
  PaymentRefunded,
  RefundFailed,
  CheckoutCompleted,
  CheckoutCancelled,
  CheckoutFailed,
  ProviderCallRecorded,
  CheckoutTransitioned,
] as const;

export type CheckoutMessageDefinition = (typeof MESSAGE_CATALOGUE)[number];

/** Any checkout message on the wire; `switch (message.type)` narrows its payload. */
export type CheckoutMessage = EnvelopeOf<CheckoutMessageDefinition>;

export type CheckoutMessageType = CheckoutMessage['type'];

const BY_TYPE: ReadonlyMap<string, MessageDefinition> = new Map<string, MessageDefinition>(
  MESSAGE_CATALOGUE.map((definition) => [definition.type, definition]),
);

export function findMessageDefinition(type: string): MessageDefinition | undefined {
  return BY_TYPE.get(type);
}

/**
 * The receiving edge: validates the envelope, then the payload against the contract its type
 * names. Throws `ContractViolationError` with every reason found, so the consumer can
 * dead-letter the message with an explanation instead of acting on it.
 */
export function parseMessage(raw: unknown): CheckoutMessage {
  const envelope = checkAgainst(messageEnvelopeSchema, raw);
  if (!envelope.ok) throw new ContractViolationError(envelope.reasons, typeNamedIn(raw));
  const { type, payload, correlationId } = envelope.value;
  const definition = BY_TYPE.get(type);
  if (definition === undefined) {
    throw new ContractViolationError([`type: unknown message type "${type}"`], type);
  }
  const reasons = envelopeMismatches(definition, envelope.value);
  const checked = checkAgainst(definition.schema, payload, 'payload');
  if (checked.ok) reasons.push(...correlationMismatch(correlationId, checked.value));
  else reasons.push(...checked.reasons);
  if (!checked.ok || reasons.length > 0) throw new ContractViolationError(reasons, type);
  // Sound: the payload was just validated by the definition registered under this type.
  return { ...envelope.value, payload: checked.value } as CheckoutMessage;
}

function envelopeMismatches(definition: MessageDefinition, envelope: MessageEnvelope): string[] {
  const reasons: string[] = [];
  if (envelope.schemaVersion !== definition.schemaVersion) {
    const { schemaVersion, type } = definition;
    reasons.push(
      `schemaVersion: expected ${schemaVersion} for ${type}, received ${envelope.schemaVersion}`,
    );
  }
  if (envelope.producer !== definition.producer) {
    reasons.push(
      `producer: expected "${definition.producer}", the only producer of ${definition.type}`,
    );
  }
  return reasons;
}

function typeNamedIn(raw: unknown): string | null {
  const type = typeof raw === 'object' && raw !== null && 'type' in raw ? raw.type : null;
  return typeof type === 'string' ? type : null;
}
