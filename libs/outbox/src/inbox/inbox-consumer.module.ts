import { ConsumerRegistry } from '@checkout/messaging';
import { DatabaseService } from '@checkout/platform';
import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Inbox } from './inbox';
import { InboxConsumer } from './inbox-consumer';
import type { InboxSubscription } from './transactional-handler';

export interface InboxConsumerOptions {
  /** The queue (and inbox consumer name), normally the service name. */
  queue: string;
  /** Every message this service handles, with its handler: the service's whole subscription list. */
  subscriptions: readonly InboxSubscription[];
  /** Modules the handlers need (repositories, clients). */
  imports?: ModuleMetadata['imports'];
}

/** Consumes a service's queue through its inbox; the handlers are provided here. */
@Module({})
export class InboxConsumerModule {
  static register(options: InboxConsumerOptions): DynamicModule {
    const handlers = [...new Set(options.subscriptions.map((subscription) => subscription.handler))];
    return {
      module: InboxConsumerModule,
      imports: options.imports ?? [],
      providers: [
        ...handlers,
        {
          provide: InboxConsumer,
          useFactory: (moduleRef: ModuleRef, registry: ConsumerRegistry, inbox: Inbox, database: DatabaseService) =>
            new InboxConsumer(options.queue, options.subscriptions, moduleRef, registry, inbox, database),
          inject: [ModuleRef, ConsumerRegistry, Inbox, DatabaseService],
        },
      ],
    };
  }
}
