import type { MessageEnvelope } from '@checkout/contracts';
import { connectMessageTransport, ConsumerRegistry, MessageTransport } from '@checkout/messaging';
import { DatabaseService } from '@checkout/platform';
import type { INestApplication } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Inbox } from './inbox';

/** A message controller method's `@Ctx()`: the transaction that records its batch in the inbox. */
export class InboxContext {
  private readonly committed: (() => void)[] = [];

  constructor(readonly tx: EntityManager) {}

  /** Runs `work` once the transaction committed (metrics that must count a batch once); never if it rolled back. */
  afterCommit(work: () => void): void {
    this.committed.push(work);
  }

  /** Called by the transport after the commit. */
  runCommitted(): void {
    for (const work of this.committed) work();
  }
}

/**
 * A service's message controllers over its queue, every batch run through the inbox: the
 * batch's inbox rows, the effects of the messages not seen before and the messages they
 * enqueue commit in one transaction, so a redelivered or duplicated message has no second
 * effect. Written once here, so no handler re-implements de-duplication. Consuming starts once
 * the database is ready.
 */
export class InboxTransport extends MessageTransport<InboxContext> {
  constructor(queue: string, registry: ConsumerRegistry, inbox: Inbox, database: DatabaseService) {
    super(registry, {
      queue,
      ready: database.ready,
      settle: (batch, invoke) => settleInInbox(inbox, queue, batch, (received) => received.envelope, invoke),
    });
  }
}

/**
 * Runs a batch through the inbox (Inbox.runBatch) with an InboxContext for its transaction,
 * then the context's after-commit work. Each attempt gets a new context: a rolled-back
 * attempt's after-commit work is dropped with it.
 */
export async function settleInInbox<T>(
  inbox: Inbox,
  consumer: string,
  items: readonly T[],
  envelopeOf: (item: T) => MessageEnvelope,
  work: (fresh: readonly T[], context: InboxContext) => Promise<void>,
): Promise<T[]> {
  let context: InboxContext | undefined;
  const fresh = await inbox.runBatch(consumer, items, envelopeOf, (tx, messages) => work(messages, (context = new InboxContext(tx))));
  context?.runCommitted();
  return fresh;
}

/** Connects the app's InboxTransport and starts it (see connectMessageTransport). */
export function connectInboxTransport(app: INestApplication): Promise<InboxTransport> {
  return connectMessageTransport(app, InboxTransport);
}
