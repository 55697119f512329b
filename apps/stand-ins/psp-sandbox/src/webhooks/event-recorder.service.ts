import { activeTraceparent } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { newId } from '../stripe-api/stripe-ids';
import type { EventType, WebhookEvent } from './webhook-event.entity';

/** An event to record: what happened, the object's snapshot, and how often to deliver it. */
export interface NewEvent {
  readonly type: EventType;
  readonly object: object;
  /** > 1 delivers the same event (same id) several times. */
  readonly copies: number;
  /** The trace the webhook is posted in; null when the change was not traced. */
  readonly traceparent: string | null;
}

/** Records events and the deliveries that will carry them to the webhook endpoint. */
@Injectable()
export class EventRecorder {
  /**
   * Runs in the transaction of the change the event reports, so an event exists exactly when
   * that change committed: no webhook for a rolled-back payment, no payment without its webhook.
   */
  async record(tx: EntityManager, type: EventType, object: object, copies = 1): Promise<WebhookEvent> {
    const [event] = await this.recordAll(tx, [{ type, object, copies, traceparent: activeTraceparent() ?? null }]);
    return event;
  }

  /** Every event of a batch and all their deliveries in one statement, in the caller's transaction. */
  async recordAll(tx: EntityManager, events: readonly NewEvent[]): Promise<WebhookEvent[]> {
    if (events.length === 0) return [];
    const createdAt = new Date();
    const recorded = events.map((event) => ({ id: newId('evt'), type: event.type, dataObject: event.object, createdAt, traceparent: event.traceparent }));
    await tx.query(
      `WITH event AS (
         INSERT INTO psp.events (id, type, data_object, created_at, traceparent)
         SELECT id, type, data_object, $1, traceparent
         FROM unnest($2::text[], $3::text[], $4::json[], $5::text[]) AS e(id, type, data_object, traceparent)
         RETURNING id)
       INSERT INTO psp.webhook_deliveries (event_id, attempts, next_attempt_at)
       SELECT event.id, 0, $1 FROM event JOIN unnest($2::text[], $6::int[]) AS c(id, copies) ON c.id = event.id, generate_series(1, c.copies)`,
      [
        createdAt,
        recorded.map((event) => event.id),
        recorded.map((event) => event.type),
        recorded.map((event) => JSON.stringify(event.dataObject)),
        recorded.map((event) => event.traceparent),
        events.map((event) => event.copies),
      ],
    );
    return recorded;
  }
}
