import type { MessageEnvelope } from '@checkout/contracts';
import { BrokerConnection, ConfirmPublisher, propertiesOf } from '@checkout/messaging';
import { DatabaseService, NotificationListener, PollingLoop, quoteIdent } from '@checkout/platform';
import { Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import type { PoolClient, QueryResult } from 'pg';
import { OutboxMetrics } from '../outbox.metrics';
import { OutboxSettings } from '../outbox.settings';
import { outboxChannel } from '../schema/outbox-tables';
import { retentionLoop } from '../schema/retention';
import { announcedId, ClaimFloor } from './claim-floor';
import { publishInRowTrace } from './relay-tracing';

interface PendingRow {
  id: string;
  routing_key: string;
  body: string;
  created_at: Date;
  message_id: string;
  correlation_id: string;
  type: string;
  producer: MessageEnvelope['producer'];
  occurred_at: string;
  traceparent: string;
  trace_context: string | null;
}

/**
 * Moves committed outbox rows to RabbitMQ.
 *
 * Each pass claims a batch of unsent rows with `FOR UPDATE SKIP LOCKED` (so several relays,
 * in this process or others, never take the same row), publishes them on a confirm channel,
 * and marks sent only the rows the broker confirmed, all before the claiming transaction
 * commits. If the process dies mid-pass the transaction rolls back and the rows are simply
 * pending again: a message may be published twice, never lost; the inbox absorbs the twin.
 *
 * Rows are found by state (`sent_at IS NULL`) from a floor that commits move down
 * (`ClaimFloor`): bigserial ids are handed out at insert but become visible at commit, out of
 * order, so "greater than the last one seen" alone would miss a row committed late.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: PollingLoop;
  private readonly table: string;
  private listener?: NotificationListener;
  private running = false;
  /** Passes under way in this process, and whether a commit was announced during them. */
  private passes = 0;
  private committedMeanwhile = false;
  private readonly floor: ClaimFloor;
  private readonly cleanup: PollingLoop;

  constructor(
    private readonly database: DatabaseService,
    private readonly broker: BrokerConnection,
    private readonly publisher: ConfirmPublisher,
    private readonly settings: OutboxSettings,
    private readonly metrics: OutboxMetrics,
  ) {
    this.table = `${quoteIdent(settings.schema)}.outbox`;
    this.floor = new ClaimFloor(settings.pollIntervalMs);
    // The LISTEN connection is the one long-lived connection: it moves to each new login.
    database.onCredentialsRotated(async () => this.listener?.reconnect());
    // A full batch means a backlog: go again, and wake a sibling lane so that the next batch is
    // claimed while this one waits for its confirms. Otherwise a lane sleeps until a commit
    // (onCommitted) or a reconnect wakes it, or the interval.
    this.loop = new PollingLoop(async () => this.broker.manager.isConnected() && (await this.relayBatch()) === settings.batchSize, {
      name: 'OutboxRelay',
      intervalMs: settings.pollIntervalMs,
      errorBackoffMs: settings.errorBackoffMs,
      lanes: settings.concurrency,
    });
    this.cleanup = retentionLoop(database, {
      name: 'OutboxCleanup',
      table: this.table,
      key: 'id',
      since: 'sent_at',
      retentionMs: settings.sentRetentionMs,
      intervalMs: settings.cleanupIntervalMs,
    });
  }

  onApplicationBootstrap(): void {
    if (this.settings.relay) void this.start();
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.database.ready;
    if (!this.running) return; // stopped while waiting for the database
    this.listener = new NotificationListener(() => this.database.url, outboxChannel(this.settings.schema), this.onCommitted);
    this.listener.start();
    this.broker.manager.on('connect', this.onBrokerConnect);
    this.cleanup.start();
    this.loop.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /** Finishes the passes in flight, then stops; `start` may be called again afterwards. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.broker.manager.off('connect', this.onBrokerConnect);
    await Promise.all([this.loop.stop(), this.cleanup.stop()]);
    await this.listener?.stop();
  }

  private readonly onBrokerConnect = () => this.loop.wake();

  /**
   * A commit was announced (NOTIFY). While a pass runs, its rows wait for the next pass, which
   * starts when the passes under way end: one pass then carries what several commits wrote, and
   * those messages arrive downstream together. Waking an idle lane at once instead sent each
   * commit's rows on their own. The lanes still run side by side through a backlog (a full
   * batch wakes a sibling, PollingLoop).
   */
  private readonly onCommitted = (payload: string) => {
    this.floor.lower(announcedId(payload));
    if (this.passes > 0) this.committedMeanwhile = true;
    else this.loop.wake();
  };

  /**
   * One pass: claim, publish with confirms, mark what was confirmed. Returns rows claimed.
   *
   * A pass is two round trips to Postgres: the transaction's opening, its commit setting and
   * the claim go in one simple-protocol query, the "sent" mark and the commit in another. Every
   * value in them is ours and numeric (the floor, the batch size, the claimed ids, checked as
   * digits), so nothing from a message is ever spliced into SQL; the rare mark of failed rows,
   * which carries an error text, is a parameterised statement of its own.
   */
  async relayBatch(): Promise<number> {
    this.passes++;
    try {
      return await this.claimPublishMark();
    } finally {
      if (--this.passes === 0 && this.committedMeanwhile) {
        this.committedMeanwhile = false;
        this.loop.wake();
      }
    }
  }

  private async claimPublishMark(): Promise<number> {
    const runner = this.database.dataSource.createQueryRunner();
    const db = (await runner.connect()) as PoolClient;
    const pass = this.floor.begin();
    try {
      // The "sent" mark need not survive a crash: if it is lost, the rows are published again
      // and the consumers' inboxes absorb the duplicates. So skip waiting for the WAL flush.
      // One table, one range from the floor: whichever plan Postgres picks (statistics or none),
      // it reads the pending index from the floor on, not every sent row before it.
      const opened = (await db.query(
        `BEGIN; SET LOCAL synchronous_commit = off;
         SELECT id, routing_key, envelope::text AS body, created_at, message_id, correlation_id,
                type, envelope->>'producer' AS producer, envelope->>'occurredAt' AS occurred_at,
                envelope->>'traceparent' AS traceparent, traceparent AS trace_context
         FROM ${this.table} WHERE sent_at IS NULL AND id >= ${pass.from}
         ORDER BY id LIMIT ${this.settings.batchSize} FOR UPDATE SKIP LOCKED`,
      )) as unknown as QueryResult<PendingRow>[];
      const rows = opened[opened.length - 1].rows;
      if (rows.length === 0) {
        await db.query('COMMIT');
        this.floor.end(pass, null, null);
        return 0;
      }
      // A broker that never confirms must not hold these row locks forever: give up on the
      // pass (the rollback leaves the rows pending) and let a later pass publish them again.
      const outcomes = await withTimeout(
        Promise.allSettled(rows.map((row) => this.publish(row))),
        this.settings.confirmTimeoutMs,
      );
      const sent = rows.filter((_, i) => outcomes[i].status === 'fulfilled').map((row) => row.id);
      const failed = rows.filter((_, i) => outcomes[i].status === 'rejected').map((row) => row.id);
      await this.markAndCommit(db, sent, failed, outcomes.find((o) => o.status === 'rejected'));
      this.floor.end(pass, BigInt(rows[rows.length - 1].id), failed.length > 0 ? BigInt(failed[0]) : null);
      return rows.length;
    } catch (error) {
      this.floor.abort(pass);
      // As TypeORM's own transactions do: a connection that broke is dropped by the pool.
      await db.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async markAndCommit(db: PoolClient, sent: string[], failed: string[], failure?: PromiseSettledResult<void>) {
    if (failed.length > 0) {
      const reason = failure?.status === 'rejected' ? String(failure.reason).slice(0, 500) : 'unknown';
      this.metrics.relayFailures.inc(failed.length);
      await db.query(`UPDATE ${this.table} SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1)`, [failed, reason]);
    }
    const marked = sent.length > 0 ? `UPDATE ${this.table} SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY('{${sent.map(bigintId).join(',')}}'::bigint[]); ` : '';
    await db.query(`${marked}COMMIT`);
  }

  private async publish(row: PendingRow): Promise<void> {
    const properties = propertiesOf({
      messageId: row.message_id,
      correlationId: row.correlation_id,
      type: row.type,
      producer: row.producer,
      occurredAt: row.occurred_at,
      traceparent: row.traceparent,
    });
    await publishInRowTrace({ ...row, traceparent: row.trace_context }, properties, (traced) =>
      this.publisher.publishSerialized(row.routing_key, Buffer.from(row.body), traced),
    );
    this.metrics.relayed.inc({ type: row.type });
    this.metrics.commitToConfirm.observe((Date.now() - row.created_at.getTime()) / 1000);
  }
}

/** An outbox id as it may appear in SQL: a bigserial, digits only. */
function bigintId(id: string): string {
  if (!/^[0-9]{1,19}$/.test(id)) throw new Error(`not an outbox id: ${id.slice(0, 40)}`);
  return id;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no broker confirm within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
