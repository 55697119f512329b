import { MetricsService } from '@checkout/platform';
import { Injectable } from '@nestjs/common';

/**
 * What the messaging layer counts; all of it appears on the service's /metrics. The queues'
 * depth gauges, read from the broker at each scrape, are DeadLetterService's.
 */
@Injectable()
export class MessagingMetrics {
  readonly published;
  readonly publishDuration;
  readonly consumed;
  readonly handlerDuration;
  readonly batches;

  constructor(metrics: MetricsService) {
    this.published = metrics.counter('messages_published_total', 'Messages confirmed by the broker', ['type']);
    this.publishDuration = metrics.histogram('message_publish_duration_seconds', 'Publish to broker confirm', ['type']);
    this.consumed = metrics.counter(
      'messages_consumed_total',
      'Messages taken off a queue, by outcome (handled, retried, dead_lettered)',
      ['queue', 'type', 'outcome'],
    );
    this.handlerDuration = metrics.histogram('message_handler_duration_seconds', 'Handler run time', ['queue', 'type']);
    // Messages consumed over batches taken: the batch size the load actually reaches.
    this.batches = metrics.counter('message_batches_total', 'Batches of deliveries taken off a queue and handled together', ['queue']);
  }
}
