import { createEnvelope, type MessageDefinition, type MessageEnvelope } from '@checkout/contracts';
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

/**
 * Writes outgoing messages as rows in the caller's own transaction, so a message exists if and
 * only if the business change that produced it committed. Publishing is the relay's job.
 */
@Injectable()
export class Outbox {
  private readonly table: string;

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
    // traceparent: the span of this transaction, which the relay's publish span continues.
    await tx.query(
      `INSERT INTO ${this.table} (message_id, type, routing_key, correlation_id, envelope, traceparent)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [envelope.messageId, envelope.type, routingKey, envelope.correlationId, JSON.stringify(envelope), activeTraceparent() ?? null],
    );
    this.metrics.enqueued.inc({ type: envelope.type });
  }
}
