import { Injectable, BeforeApplicationShutdown } from '@nestjs/common';
import { BrokerConnection } from '../connection/broker-connection';
import { MessagingMetrics } from '../messaging.metrics';
import { MessagingSettings } from '../messaging.settings';
import type { EnvelopeHandler, Subscription } from './message-handler';
import { QueueConsumer } from './queue-consumer';

/** The queues this process consumes; started consumers are stopped cleanly on shutdown. */
@Injectable()
export class ConsumerRegistry implements BeforeApplicationShutdown {
  private readonly consumers = new Map<string, QueueConsumer>();

  constructor(
    private readonly connection: BrokerConnection,
    private readonly settings: MessagingSettings,
    private readonly metrics: MessagingMetrics,
  ) {}

  /** Starts consuming `queue` with one handler per subscribed message type. */
  async consume(queue: string, subscriptions: readonly Subscription<EnvelopeHandler>[]): Promise<void> {
    const handlers = new Map(
      subscriptions.map(({ message, handler }) => [message.type, { routingKey: message.routingKey, handle: handler }]),
    );
    const consumer = new QueueConsumer(
      this.connection,
      {
        exchange: this.settings.exchange,
        queue,
        prefetch: this.settings.prefetch,
        retryDelaysMs: this.settings.retryDelaysMs,
        handlers,
      },
      this.metrics,
    );
    this.consumers.set(queue, consumer);
    await consumer.start();
  }

  queues(): string[] {
    return [...this.consumers.keys()];
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.consumers.values()].map((consumer) => consumer.stop()));
  }
}
