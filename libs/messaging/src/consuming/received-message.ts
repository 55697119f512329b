import type { MessageDefinition, MessageEnvelope } from '@checkout/contracts';
import { handleInMessageTrace } from '../tracing/consume-tracing';

/** One delivery, decoded and valid: its envelope, and the headers its trace context travels in. */
export interface ReceivedMessage<Envelope extends MessageEnvelope = MessageEnvelope> {
  readonly queue: string;
  readonly envelope: Envelope;
  readonly headers: Readonly<Record<string, unknown>>;
}

/**
 * Handles the deliveries of one batch, in delivery order. Resolving means "all of them done, and
 * durable" (one transaction committed): the consumer acks them all. Throwing means "not done":
 * the consumer hands them over again one at a time, so each failure is that message's own.
 */
export type BatchHandler = (batch: readonly ReceivedMessage[]) => Promise<void>;

/** What a work queue consumes: the messages its queue is bound to, and the handler of a batch of them. */
export interface QueueSubscription {
  readonly messages: readonly MessageDefinition[];
  readonly handle: BatchHandler;
}

/**
 * A batch handler that handles each message alone, in delivery order, each in its own trace
 * (for a consumer without a transaction of its own to share, such as a test's).
 */
export function eachMessage(handle: (envelope: MessageEnvelope) => Promise<void>): BatchHandler {
  return async (batch) => {
    for (const received of batch) await handleInMessageTrace(received, () => handle(received.envelope));
  };
}
