import type { MessageDefinition, MessageEnvelope } from '@checkout/contracts';

/**
 * Handles one message. Resolving means "done, and durable": the consumer acks only then.
 * Throwing means "try again later": the consumer schedules a retry or dead-letters it.
 */
export type EnvelopeHandler = (envelope: MessageEnvelope) => Promise<void>;

/** One line of a service's subscription list: this message, handled by that. */
export interface Subscription<H = EnvelopeHandler> {
  readonly message: MessageDefinition;
  readonly handler: H;
}
