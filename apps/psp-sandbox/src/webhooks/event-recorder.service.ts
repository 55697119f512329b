import { activeTraceparent } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { newId } from '../stripe-api/stripe-ids';
import { WebhookDelivery } from './webhook-delivery.entity';
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
    await tx.insert(WebhookEvent, event);
    const deliveries = Array.from({ length: copies }, () => ({ eventId: event.id, attempts: 0, nextAttemptAt: now }));
    await tx.insert(WebhookDelivery, deliveries);
    return event;
  }
}
