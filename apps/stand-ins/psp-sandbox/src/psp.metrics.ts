import { MetricsService } from '@checkout/platform';
import { Injectable } from '@nestjs/common';

export type DeliveryOutcome = 'delivered' | 'retry_scheduled' | 'failed';

/** The sandbox's instruments on `/metrics`. Counted after commit, so a rollback counts nothing. */
@Injectable()
export class PspMetrics {
  readonly sessionsCreated;
  readonly sessionsExpired;
  readonly refundsCreated;
  readonly eventsCreated;
  readonly webhookDeliveries;

  constructor(metrics: MetricsService) {
    this.sessionsCreated = metrics.counter('psp_checkout_sessions_created_total', 'Checkout sessions created');
    this.sessionsExpired = metrics.counter('psp_checkout_sessions_expired_total', 'Checkout sessions expired on request');
    this.refundsCreated = metrics.counter('psp_refunds_created_total', 'Refunds created');
    this.eventsCreated = metrics.counter('psp_events_created_total', 'Events created, by type', ['type']);
    this.webhookDeliveries = metrics.counter(
      'psp_webhook_deliveries_total',
      'Webhook delivery attempts, by outcome (delivered, retry_scheduled, failed)',
      ['outcome'],
    );
  }
}
