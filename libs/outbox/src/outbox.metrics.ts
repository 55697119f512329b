import { MetricsService } from '@checkout/platform';
import { Injectable } from '@nestjs/common';

/** What the outbox counts; the backlog gauges, read at each scrape, are OutboxMonitor's. */
@Injectable()
export class OutboxMetrics {
  readonly enqueued;
  readonly relayed;
  readonly relayFailures;
  readonly commitToConfirm;
  readonly duplicates;

  constructor(metrics: MetricsService) {
    this.enqueued = metrics.counter('outbox_enqueued_total', 'Messages written to the outbox', ['type']);
    this.relayed = metrics.counter('outbox_relayed_total', 'Outbox rows published and confirmed', ['type']);
    this.relayFailures = metrics.counter('outbox_relay_failures_total', 'Outbox publishes that failed and stay pending');
    this.commitToConfirm = metrics.histogram(
      'outbox_commit_to_confirm_seconds',
      'From the outbox row being written to the broker confirming it',
      [],
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
    );
    this.duplicates = metrics.counter('inbox_duplicates_total', 'Messages recognised as already handled', ['consumer', 'type']);
  }
}
