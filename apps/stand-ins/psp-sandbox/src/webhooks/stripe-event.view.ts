import { unixSeconds } from '../stripe-api/stripe-ids';
import type { EventType, WebhookEvent } from './webhook-event.entity';

/** The API version events claim to be rendered in; receivers may log it, none should branch on it. */
export const EVENT_API_VERSION = '2025-01-01';

/** Stripe's `event` object, as POSTed to the webhook endpoint. */
export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  type: EventType;
  data: { object: object };
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
}

/** Built from the stored row alone, so every delivery of one event carries the same body. */
export function toStripeEvent(event: Omit<WebhookEvent, 'traceparent'>): StripeEvent {
  return {
    id: event.id,
    object: 'event',
    api_version: EVENT_API_VERSION,
    created: unixSeconds(event.createdAt),
    type: event.type,
    data: { object: event.dataObject },
    livemode: false,
    pending_webhooks: 1,
    // Caused by the simulated customer, not by an API request: Stripe sends nulls here too.
    request: { id: null, idempotency_key: null },
  };
}
