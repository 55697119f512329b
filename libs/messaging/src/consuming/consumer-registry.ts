import { DrainRegistry } from '@checkout/platform';
import { Injectable, BeforeApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { BrokerConnection } from '../connection/broker-connection';
import { MessagingMetrics } from '../messaging.metrics';
import { MessagingSettings } from '../messaging.settings';
import type { EnvelopeHandler, Subscription } from './message-handler';
import { QueueConsumer } from './queue-consumer';

/**
 * The queues this process consumes. On SIGTERM their consumers drain (no new message, the
 * handlers in flight commit and ack) before the rest of the process shuts down.
 */
@Injectable()
export class ConsumerRegistry implements OnModuleInit, BeforeApplicationShutdown {
  private readonly consumers = new Map<string, QueueConsumer>();

  constructor(
    private readonly connection: BrokerConnection,
    private readonly settings: MessagingSettings,
    private readonly metrics: MessagingMetrics,
    private readonly drains: DrainRegistry,
  ) {}

  onModuleInit(): void {
    this.drains.register('consumers', () => this.stopAll());
  }

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

  /** Without a SIGTERM drain (a test closing its app), consumers still stop cleanly here. */
  beforeApplicationShutdown(): Promise<void> {
    return this.stopAll();
  }

  private async stopAll(): Promise<void> {
    await Promise.all([...this.consumers.values()].map((consumer) => consumer.stop()));
  }
}
