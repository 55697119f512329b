import { ConsumerRegistry } from '@checkout/messaging';
import { DatabaseService } from '@checkout/platform';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Inbox } from './inbox';
import type { InboxSubscription, TransactionalHandler } from './transactional-handler';

/**
 * Starts consuming a service's queue once its database is ready, running every handler
 * through the inbox: written once here, so no handler re-implements de-duplication.
 */
export class InboxConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger('InboxConsumer');
  /** Resolves once the queue is being consumed. */
  started: Promise<void> = new Promise(() => undefined);

  constructor(
    private readonly queue: string,
    private readonly subscriptions: readonly InboxSubscription[],
    private readonly moduleRef: ModuleRef,
    private readonly registry: ConsumerRegistry,
    private readonly inbox: Inbox,
    private readonly database: DatabaseService,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: the HTTP server (and /health) must come up even while Postgres is away.
    this.started = this.start();
    this.started.catch((error) => this.logger.error(`consumer for ${this.queue} did not start: ${error}`));
  }

  private async start(): Promise<void> {
    await this.database.ready;
    const subscriptions = this.subscriptions.map(({ message, handler }) => {
      const instance = this.moduleRef.get<TransactionalHandler>(handler, { strict: false });
      return {
        message,
        handler: async (envelope: Parameters<TransactionalHandler['handle']>[0]) => {
          await this.inbox.runOnce(this.queue, envelope, (tx) => instance.handle(envelope, tx));
        },
      };
    });
    await this.registry.consume(this.queue, subscriptions);
    this.logger.log(`consuming ${this.queue}: ${this.subscriptions.map((s) => s.message.type).join(', ')}`);
  }
}
