import { MetricsService } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import type { RejectionReason } from '../webhooks/provider-event-rejection';

export type SessionOutcome = 'created' | 'failed';
export type WebhookOutcome = 'accepted' | 'duplicate' | 'rejected_signature' | 'rejected_event' | 'rejected_mismatch';
export type RefundOutcome = 'refunded' | 'failed';
export type ExpiryOutcome = 'expired' | 'already_paid' | 'payment_pending';

/** What an operator of the provider integration watches; messaging and outbox metrics live in their libs. */
@Injectable()
export class PaymentsMetrics {
  private readonly sessions: Counter<'outcome'>;
  private readonly webhooks: Counter<'outcome'>;
  private readonly refunds: Counter<'outcome'>;
  private readonly rejections: Counter<'reason'>;
  private readonly expiries: Counter<'outcome'>;

  constructor(metrics: MetricsService) {
    this.sessions = metrics.counter('payment_sessions_total', 'Payment session requests, by provider outcome', ['outcome']);
    this.webhooks = metrics.counter('provider_webhooks_total', 'Provider webhook deliveries, by outcome', ['outcome']);
    this.refunds = metrics.counter('payment_refunds_total', 'Refund requests, by provider outcome', ['outcome']);
    this.rejections = metrics.counter(
      'provider_events_rejected_total',
      'Signed provider events that changed nothing because they did not match what we created, by reason',
      ['reason'],
    );
    this.expiries = metrics.counter('payment_session_expiries_total', 'Sessions closed at the payment timeout, by what the provider said', ['outcome']);
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

  rejected(reason: RejectionReason): void {
    this.rejections.inc({ reason });
  }

  expiry(outcome: ExpiryOutcome): void {
    this.expiries.inc({ outcome });
  }
}
