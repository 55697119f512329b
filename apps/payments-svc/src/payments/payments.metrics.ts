import { MetricsService } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';

export type SessionOutcome = 'created' | 'failed';
export type WebhookOutcome = 'accepted' | 'duplicate' | 'rejected_signature' | 'rejected_event';
export type RefundOutcome = 'refunded' | 'failed';

/** What an operator of the provider integration watches; messaging and outbox metrics live in their libs. */
@Injectable()
export class PaymentsMetrics {
  private readonly sessions: Counter<'outcome'>;
  private readonly webhooks: Counter<'outcome'>;
  private readonly refunds: Counter<'outcome'>;

  constructor(metrics: MetricsService) {
    this.sessions = metrics.counter('payment_sessions_total', 'Payment session requests, by provider outcome', ['outcome']);
    this.webhooks = metrics.counter('provider_webhooks_total', 'Provider webhook deliveries, by outcome', ['outcome']);
    this.refunds = metrics.counter('payment_refunds_total', 'Refund requests, by provider outcome', ['outcome']);
  }

  session(outcome: SessionOutcome): void {
    this.sessions.inc({ outcome });
  }

  webhook(outcome: WebhookOutcome): void {
    this.webhooks.inc({ outcome });
  }

  refund(outcome: RefundOutcome): void {
    this.refunds.inc({ outcome });
  }
}
