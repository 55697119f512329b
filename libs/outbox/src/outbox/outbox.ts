import { createEnvelope, type MessageDefinition, type MessageEnvelope } from '@checkout/contracts';
import { inBatchSpan } from '@checkout/messaging';
import { activeTraceparent, quoteIdent } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxMetrics } from '../outbox.metrics';
import { OutboxSettings } from '../outbox.settings';

/** What a new message continues: the checkout it belongs to and, if any, the message that caused it. */
export interface MessageOrigin {
  correlationId: string;
  causedBy?: MessageEnvelope;
}

export class NotInTransactionError extends Error {
  readonly code = 'OUTBOX.NOT_IN_TRANSACTION';
  constructor() {
    super('Outbox.enqueue needs the EntityManager of an open transaction (dataSource.transaction(...))');
  }
}

/** An outbox row before it is written. */
interface PendingRow {
  readonly envelope: MessageEnvelope;
  readonly routingKey: string;
  /** The span that enqueued it, which the relay's publish span continues. */
  readonly traceparent: string | null;
}

/**
 * Writes outgoing messages as rows in the caller's own transaction, so a message exists if and
 * only if the business change that produced it committed. Publishing is the relay's job.
 *
 * Inside `collecting` (a batch's transaction) the rows are kept and written in one statement
 * when the batch's work is done, still before its commit; elsewhere each is written at once.
 */
@Injectable()
export class Outbox {
  private readonly table: string;
  /** The rows of the transactions that are collecting, by their EntityManager. */
  private readonly collected = new WeakMap<EntityManager, PendingRow[]>();

  constructor(
    settings: OutboxSettings,
    private readonly metrics: OutboxMetrics,
  ) {
    this.table = `${quoteIdent(settings.schema)}.outbox`;
  }

  async enqueue<Type extends string, Payload>(
    tx: EntityManager,
    definition: MessageDefinition<Type, Payload>,
    payload: NoInfer<Payload>,
    origin: MessageOrigin,
  ): Promise<MessageEnvelope<Payload, Type>> {
    const envelope = createEnvelope(definition, payload, {
      correlationId: origin.correlationId,
      causationId: origin.causedBy?.messageId ?? null,
      // The live trace when there is one, so the message's trace id is the checkout's trace.
      traceparent: activeTraceparent() ?? origin.causedBy?.traceparent,
    });
    await this.enqueueEnvelope(tx, envelope, definition.routingKey);
    return envelope;
  }

  /** Enqueues an envelope built elsewhere (a replay, a test). */
  async enqueueEnvelope(tx: EntityManager, envelope: MessageEnvelope, routingKey: string): Promise<void> {
    if (!tx.queryRunner?.isTransactionActive) throw new NotInTransactionError();
    const row: PendingRow = { envelope, routingKey, traceparent: activeTraceparent() ?? null };
    const collecting = this.collected.get(tx);
    if (collecting) collecting.push(row);
    else await this.write(tx, [row]);
  }

  /**
   * Runs `work` with the messages it enqueues in `tx` kept back, then writes them all in one
   * statement (if `work` succeeded; a failure rolls the transaction back anyway).
   */
  async collecting<T>(tx: EntityManager, work: () => Promise<T>): Promise<T> {
    // Already collecting (a saga step written inside a batch): the outer call writes them all.
    if (this.collected.has(tx)) return work();
    const rows: PendingRow[] = [];
    this.collected.set(tx, rows);
    try {
      const result = await work();
      await this.flush(tx);
      return result;
    } finally {
      this.collected.delete(tx);
    }
  }

  /**
   * Writes what `tx` has collected so far, now, in one statement: for a caller that sends it
   * together with statements of its own (the connection pipelines them). What is enqueued
   * after it is written when the collecting ends, as usual.
   */
  async flush(tx: EntityManager): Promise<void> {
    const rows = this.collected.get(tx)?.splice(0) ?? [];
    if (rows.length > 0) await inBatchSpan('outbox insert', rows.length, () => this.write(tx, rows));
  }

  private async write(tx: EntityManager, rows: readonly PendingRow[]): Promise<void> {
    // Rows get their ids in this order: the relay publishes a batch's messages in the order enqueued.
    await tx.query(
      `INSERT INTO ${this.table} (message_id, type, routing_key, correlation_id, envelope, traceparent)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::jsonb[], $6::text[])`,
      [
        rows.map((row) => row.envelope.messageId),
        rows.map((row) => row.envelope.type),
        rows.map((row) => row.routingKey),
        rows.map((row) => row.envelope.correlationId),
        rows.map((row) => JSON.stringify(row.envelope)),
        rows.map((row) => row.traceparent),
      ],
    );
    for (const row of rows) this.metrics.enqueued.inc({ type: row.envelope.type });
  }
}
