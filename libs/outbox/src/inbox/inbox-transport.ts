import { connectMessageTransport, ConsumerRegistry, MessageTransport } from '@checkout/messaging';
import { DatabaseService } from '@checkout/platform';
import type { INestApplication } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Inbox } from './inbox';

/** A message controller method's `@Ctx()`: the transaction that records the message in the inbox. */
export class InboxContext {
  constructor(readonly tx: EntityManager) {}
}

/**
 * A service's message controllers over its queue, every handler run through the inbox: its
 * effects, the inbox record and the messages it enqueues commit in one transaction, so a
 * redelivered message has no second effect. Written once here, so no handler re-implements
 * de-duplication. Consuming starts once the database is ready.
 */
export class InboxTransport extends MessageTransport<InboxContext> {
  constructor(queue: string, registry: ConsumerRegistry, inbox: Inbox, database: DatabaseService) {
    super(registry, {
      queue,
      ready: database.ready,
      settle: (envelope, invoke) => inbox.runOnce(queue, envelope, (tx) => invoke(new InboxContext(tx))),
    });
  }
}

/** Connects the app's InboxTransport and starts it (see connectMessageTransport). */
export function connectInboxTransport(app: INestApplication): Promise<InboxTransport> {
  return connectMessageTransport(app, InboxTransport);
}
