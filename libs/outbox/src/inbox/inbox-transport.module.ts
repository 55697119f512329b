import { ConsumerRegistry } from '@checkout/messaging';
import { DatabaseService } from '@checkout/platform';
import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { Inbox } from './inbox';
import { InboxTransport } from './inbox-transport';

export interface InboxTransportOptions {
  /** The queue (and inbox consumer name), normally the service name. */
  queue: string;
  /** The service's message controllers: their `@EventPattern`s are its whole subscription list. */
  controllers: NonNullable<ModuleMetadata['controllers']>;
  /** The handlers the controllers delegate to. */
  providers?: ModuleMetadata['providers'];
  /** Modules the handlers need (repositories, clients). */
  imports?: ModuleMetadata['imports'];
}

/**
 * Provides the InboxTransport for a service's message controllers; main.ts connects it with
 * `app.connectMicroservice({ strategy: app.get(InboxTransport) })`.
 */
@Module({})
export class InboxTransportModule {
  static register(options: InboxTransportOptions): DynamicModule {
    return {
      module: InboxTransportModule,
      imports: options.imports ?? [],
      controllers: options.controllers,
      providers: [
        ...(options.providers ?? []),
        {
          provide: InboxTransport,
          useFactory: (registry: ConsumerRegistry, inbox: Inbox, database: DatabaseService) =>
            new InboxTransport(options.queue, registry, inbox, database),
          inject: [ConsumerRegistry, Inbox, DatabaseService],
        },
      ],
      exports: [InboxTransport],
    };
  }
}
