import { DynamicModule, Module } from '@nestjs/common';
import { Inbox } from './inbox/inbox';
import { Outbox } from './outbox/outbox';
import { OutboxMetrics } from './outbox.metrics';
import { OutboxOptions, OutboxSettings } from './outbox.settings';
import { OutboxMonitor } from './relay/outbox-monitor';
import { OutboxRelay } from './relay/outbox-relay';

/**
 * The transactional outbox and idempotent inbox of one service schema.
 * Imported once, in the root module; see InboxTransportModule for the consuming side.
 */
@Module({})
export class OutboxModule {
  static forRoot(options: OutboxOptions): DynamicModule {
    return {
      module: OutboxModule,
      global: true,
      providers: [
        { provide: OutboxSettings, useValue: new OutboxSettings(options) },
        OutboxMetrics,
        Outbox,
        Inbox,
        OutboxRelay,
        OutboxMonitor,
      ],
      exports: [OutboxSettings, Outbox, Inbox, OutboxRelay, OutboxMonitor, OutboxMetrics],
    };
  }
}
