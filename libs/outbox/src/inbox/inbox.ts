import type { MessageEnvelope } from '@checkout/contracts';
import { inBatchSpan } from '@checkout/messaging';
import { DatabaseService, type PollingLoop, quoteIdent, retryOnConflict } from '@checkout/platform';
import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Outbox } from '../outbox/outbox';
import { OutboxMetrics } from '../outbox.metrics';
import { OutboxSettings } from '../outbox.settings';
import { retentionLoop } from '../schema/retention';

export type InboxOutcome = 'handled' | 'duplicate';

/**
 * Exactly-once *effects* on top of at-least-once delivery. The (message_id, consumer) row is
 * inserted in the same transaction as the handler's effect:
 * - a redelivery after commit finds the row and does nothing;
 * - a concurrent duplicate blocks on the unique key until the first commits, then does nothing;
 * - a duplicate within one batch is inserted once, and handled once;
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
    private readonly outbox: Outbox,
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

  /** One message (a test, a replay): `runBatch` for a batch of one. */
  async runOnce(consumer: string, envelope: MessageEnvelope, work: (tx: EntityManager) => Promise<void>): Promise<InboxOutcome> {
    const fresh = await this.runBatch(consumer, [envelope], (e) => e, (tx) => work(tx));
    return fresh.length === 1 ? 'handled' : 'duplicate';
  }

  /**
   * Runs `work` for the messages of a batch this consumer has not handled yet, in ONE
   * transaction with their inbox rows and every message `work` enqueues (Outbox.enqueue with
   * this `tx` is written in one statement, before the commit). Returns the messages handled.
   *
   * The inbox rows are one statement whose result names the new ones: a message handled before
   * (a redelivery), or twice in this very batch, is a duplicate and is left out of `work`. Rows
   * are inserted in message-id order, so two consumers whose batches overlap lock them in the
   * same order and never deadlock. A lost optimistic race re-runs the whole batch at once.
   */
  runBatch<T>(
    consumer: string,
    items: readonly T[],
    envelopeOf: (item: T) => MessageEnvelope,
    work: (tx: EntityManager, fresh: readonly T[]) => Promise<void>,
  ): Promise<T[]> {
    return retryOnConflict(() =>
      inBatchSpan('inbox transaction', items.length, () =>
        this.database.dataSource.transaction(async (tx) => {
          const fresh = await this.claim(tx, consumer, items, envelopeOf);
          if (fresh.length > 0) await this.outbox.collecting(tx, () => work(tx, fresh));
          return fresh;
        }),
      ),
    );
  }

  private async claim<T>(tx: EntityManager, consumer: string, items: readonly T[], envelopeOf: (item: T) => MessageEnvelope): Promise<T[]> {
    const envelopes = items.map(envelopeOf);
    const claimed: { message_id: string }[] = await inBatchSpan('inbox insert', items.length, () =>
      tx.query(
        `INSERT INTO ${this.table} (message_id, consumer, type, correlation_id)
         SELECT message_id, $2, type, correlation_id
         FROM unnest($1::uuid[], $3::text[], $4::uuid[]) AS m(message_id, type, correlation_id)
         ORDER BY message_id
         ON CONFLICT DO NOTHING RETURNING message_id`,
        [envelopes.map((e) => e.messageId), consumer, envelopes.map((e) => e.type), envelopes.map((e) => e.correlationId)],
      ),
    );
    // The first delivery of each new id is handled; any other is a duplicate (earlier, or within this batch).
    const unclaimed = new Set(claimed.map((row) => row.message_id));
    const fresh: T[] = [];
    items.forEach((item, i) => {
      if (unclaimed.delete(envelopes[i].messageId)) fresh.push(item);
      else this.metrics.duplicates.inc({ consumer, type: envelopes[i].type });
    });
    return fresh;
  }
}
