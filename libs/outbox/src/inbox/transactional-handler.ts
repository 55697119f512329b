import type { MessageDefinition, MessageEnvelope, PayloadOf } from '@checkout/contracts';
import type { Type } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * A message handler whose effects, and the messages it enqueues in reply, commit in `tx`:
 * the same transaction that records the message in the inbox.
 */
export interface TransactionalHandler<Payload = unknown> {
  handle(message: MessageEnvelope<Payload>, tx: EntityManager): Promise<void>;
}

export interface InboxSubscription {
  readonly message: MessageDefinition;
  readonly handler: Type<TransactionalHandler>;
}

/** One subscription: the handler's payload type must match the message it subscribes to. */
export function on<D extends MessageDefinition>(
  message: D,
  handler: Type<TransactionalHandler<PayloadOf<D>>>,
): InboxSubscription {
  return { message, handler: handler as Type<TransactionalHandler> };
}
