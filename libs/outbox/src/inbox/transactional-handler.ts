import type { MessageEnvelope } from '@checkout/contracts';
import type { EntityManager } from 'typeorm';

/**
 * A message handler whose effects, and the messages it enqueues in reply, commit in `tx`:
 * the same transaction that records the message in the inbox (a message controller passes
 * its InboxContext's `tx`).
 */
export interface TransactionalHandler<Payload = unknown> {
  handle(message: MessageEnvelope<Payload>, tx: EntityManager): Promise<void>;
}
