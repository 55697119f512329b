import { z } from 'zod';
import type { MessageDefinition } from '../messages/message-definition';
import { PARTICIPANTS, type Participant } from '../participants/participant';
import { unlessMissing } from '../validation/issue-messages';
import { isTraceparent, TRACEPARENT_EXPECTATION } from './traceparent';

/** What travels on the wire: routing and tracing metadata around one contract's payload. */
export interface MessageEnvelope<P = unknown, Type extends string = string> {
  /** UUID, unique per message; consumers de-duplicate on it. */
  readonly messageId: string;
  readonly type: Type;
  /** The checkout id (UUID): every message of one saga shares it. */
  readonly correlationId: string;
  /** The messageId of the message that caused this one; null for the first. */
  readonly causationId: string | null;
  /** ISO-8601 UTC. */
  readonly occurredAt: string;
  readonly schemaVersion: number;
  /** W3C traceparent. */
  readonly traceparent: string;
  readonly producer: Participant;
  readonly payload: P;
}

/** The envelope of a given definition's message, with its type and payload narrowed. */
export type EnvelopeOf<D> =
  D extends MessageDefinition<infer Type, infer Payload> ? MessageEnvelope<Payload, Type> : never;

const uuid = z.uuid({ error: unlessMissing('expected a UUID') });

/** Validates the envelope fields strictly; the payload is left to the message's definition. */
export const messageEnvelopeSchema = z.strictObject({
  messageId: uuid,
  type: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, { error: 'expected a PascalCase message type' }),
  correlationId: uuid,
  causationId: uuid.nullable(),
  occurredAt: z.iso.datetime(),
  schemaVersion: z.int({ error: unlessMissing('expected a positive integer') }).positive({
    error: 'expected a positive integer',
  }),
  traceparent: z.string().refine(isTraceparent, { error: TRACEPARENT_EXPECTATION }),
  producer: z.enum(PARTICIPANTS),
  payload: z.unknown(),
}) satisfies z.ZodType<MessageEnvelope>;
