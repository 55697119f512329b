import type { MessageEnvelope } from '@checkout/contracts';
import { DatabaseService, type PollingLoop, quoteIdent, retryOnConflict } from '@checkout/platform';
import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxMetrics } from '../outbox.metrics';
import { OutboxSettings } from '../outbox.settings';
import { retentionLoop } from '../schema/retention';

export type InboxOutcome = 'handled' | 'duplicate';

/**
 * Exactly-once *effects* on top of at-least-once delivery. The (message_id, consumer) row is
 * inserted in the same transaction as the handler's effect:
 * - a redelivery after commit finds the row and does nothing;
 * - a concurrent duplicate blocks on the unique key until the first commits, then does nothing;
 * - if the handler fails, the row rolls back with the effect, so a retry runs it again.
 *
 * Rows older than the retention are deleted: the window in which a duplicate is recognised.
 */
@Injectable()
export class Inbox implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly table: string;
  private readonly cleanup: PollingLoop;

  constructor(
    private readonly database: DatabaseService,
    settings: OutboxSettings,
    private readonly metrics: OutboxMetrics,
  ) {
    this.table = `${quoteIdent(settings.schema)}.inbox`;
    this.cleanup = retentionLoop(database, {
      name: 'InboxCleanup',
      table: this.table,
      key: 'ctid',
      since: 'received_at',
      retentionMs: settings.inboxRetentionMs,
      intervalMs: settings.cleanupIntervalMs,
    });
  }

  onApplicationBootstrap(): void {
    this.cleanup.start(this.database.ready);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.cleanup.stop();
  }

  runOnce(consumer: string, envelope: MessageEnvelope, work: (tx: EntityManager) => Promise<void>): Promise<InboxOutcome> {
    // A lost optimistic-concurrency race rolls everything back, inbox row included, and is
    // re-run at once against fresh data, before the consumer's slower retry queues get involved.
    return retryOnConflict(() => this.transaction(consumer, envelope, work));
  }

  private transaction(consumer: string, envelope: MessageEnvelope, work: (tx: EntityManager) => Promise<void>) {
    return this.database.dataSource.transaction(async (tx): Promise<InboxOutcome> => {
      const claimed = await tx.query(
        `INSERT INTO ${this.table} (message_id, consumer, type, correlation_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING message_id`,
        [envelope.messageId, consumer, envelope.type, envelope.correlationId],
      );
      if (claimed.length === 0) {
        this.metrics.duplicates.inc({ consumer, type: envelope.type });
        return 'duplicate';
      }
      await work(tx);
      return 'handled';
    });
  }
}
