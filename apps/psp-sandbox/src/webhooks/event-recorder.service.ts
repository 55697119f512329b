import { activeTraceparent } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { newId } from '../stripe-api/stripe-ids';
import { EventType, WebhookEvent } from './webhook-event.entity';

/** Records events and the deliveries that will carry them to the webhook endpoint. */
@Injectable()
export class EventRecorder {
  /**
   * Runs in the transaction of the change the event reports, so an event exists exactly when
   * that change committed: no webhook for a rolled-back payment, no payment without its webhook.
   * `copies` > 1 delivers the same event (same id) several times.
   */
  async record(tx: EntityManager, type: EventType, object: object, copies = 1): Promise<WebhookEvent> {
    const now = new Date();
    const event = tx.create(WebhookEvent, { id: newId('evt'), type, dataObject: object, createdAt: now, traceparent: activeTraceparent() ?? null });
    // Plain SQL, the event and its deliveries in one statement: this runs for every payment.
    await tx.query(
      `WITH event AS (
         INSERT INTO psp.events (id, type, data_object, created_at, traceparent) VALUES ($1, $2, $3, $4, $5) RETURNING id)
       INSERT INTO psp.webhook_deliveries (event_id, attempts, next_attempt_at)
       SELECT event.id, 0, $4 FROM event, generate_series(1, $6)`,
      [event.id, event.type, JSON.stringify(event.dataObject), event.createdAt, event.traceparent, copies],
    );
    return event;
  }
}
