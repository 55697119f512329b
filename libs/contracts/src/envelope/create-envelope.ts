import { randomUUID } from 'node:crypto';
import { ContractViolationError } from '../errors/contract-violation.error';
import type { MessageDefinition } from '../messages/message-definition';
import { checkAgainst } from '../validation/check-against';
import { correlationMismatch } from './correlation';
import { type MessageEnvelope, messageEnvelopeSchema } from './message-envelope';
import { childTraceparent, isTraceparent, newTraceparent } from './traceparent';

export interface EnvelopeContext {
  /** The checkout id; must equal the payload's `checkoutId` when it has one. */
  readonly correlationId: string;
  /** The messageId of the message being handled, if any. */
  readonly causationId?: string | null;
  /** The traceparent of the message being handled: the new message continues its trace. */
  readonly traceparent?: string;
  readonly messageId?: string;
  readonly occurredAt?: Date;
}

/**
 * Wraps a payload in a validated envelope, ready for the outbox. Throws
 * `ContractViolationError` when the payload or the context breaks the contract, so a bad
 * message is refused where it is written instead of dead-lettered where it is read.
 */
export function createEnvelope<Type extends string, Payload>(
  definition: MessageDefinition<Type, Payload>,
  payload: NoInfer<Payload>,
  context: EnvelopeContext,
): MessageEnvelope<Payload, Type> {
  const validPayload = definition.parse(payload);
  const occurredAt = context.occurredAt ?? new Date();
  if (Number.isNaN(occurredAt.getTime())) {
    throw new ContractViolationError(['occurredAt: expected a valid date'], definition.type);
  }
  const envelope: MessageEnvelope<Payload, Type> = {
    messageId: context.messageId ?? randomUUID(),
    type: definition.type,
    correlationId: context.correlationId,
    causationId: context.causationId ?? null,
    occurredAt: occurredAt.toISOString(),
    schemaVersion: definition.schemaVersion,
    traceparent: continueTrace(context.traceparent),
    producer: definition.producer,
    payload: validPayload,
  };
  const checked = checkAgainst(messageEnvelopeSchema, envelope);
  const reasons = [
    ...(checked.ok ? [] : checked.reasons),
    ...correlationMismatch(envelope.correlationId, validPayload),
  ];
  if (reasons.length > 0) throw new ContractViolationError(reasons, definition.type);
  return envelope;
}

function continueTrace(parent: string | undefined): string {
  if (parent === undefined) return newTraceparent();
  // A malformed parent is kept so the envelope check reports it with any other problem.
  return isTraceparent(parent) ? childTraceparent(parent) : parent;
}
