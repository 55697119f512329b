import { DrainRegistry } from '@checkout/platform';
import { Injectable, BeforeApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { BrokerConnection } from '../connection/broker-connection';
import { MessagingMetrics } from '../messaging.metrics';
import { MessagingSettings } from '../messaging.settings';
import type { EnvelopeHandler, Subscription } from './message-handler';
import { type ObserverOptions, QueueConsumer, type QueueConsumerOptions } from './queue-consumer';

/**
 * The queues this process consumes. On SIGTERM their consumers drain (no new message, the
 * handlers in flight commit and ack) before the rest of the process shuts down.
 */
@Injectable()
export class ConsumerRegistry implements OnModuleInit, BeforeApplicationShutdown {
  private readonly consumers = new Map<string, QueueConsumer>();
  private readonly observers = new Map<string, QueueConsumer>();

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
  consume(queue: string, subscriptions: readonly Subscription<EnvelopeHandler>[]): Promise<void> {
    const handlers = new Map(
      subscriptions.map(({ message, handler }) => [message.type, { routingKey: message.routingKey, handle: handler }]),
    );
    return this.start(this.consumers, { queue, prefetch: this.settings.prefetch, handlers });
  }

  /** Starts reading a copy of every message on the exchange into `queue` (see ObserverOptions). */
  observe(queue: string, observer: ObserverOptions & { prefetch: number }): Promise<void> {
    const { prefetch, ...options } = observer;
    return this.start(this.observers, { queue, prefetch, handlers: new Map(), observer: options });
  }

  private async start(
    into: Map<string, QueueConsumer>,
    options: Pick<QueueConsumerOptions, 'queue' | 'prefetch' | 'handlers' | 'observer'>,
  ): Promise<void> {
    const { exchange, retryDelaysMs } = this.settings;
    const consumer = new QueueConsumer(this.connection, { ...options, exchange, retryDelaysMs }, this.metrics);
    into.set(options.queue, consumer);
    await consumer.start();
  }

  /** The queues consumed with handlers, each with its retry and dead-letter queues (observers have none). */
  queues(): string[] {
    return [...this.consumers.keys()];
  }

  /** Without a SIGTERM drain (a test closing its app), consumers still stop cleanly here. */
  beforeApplicationShutdown(): Promise<void> {
    return this.stopAll();
  }

  private async stopAll(): Promise<void> {
    await Promise.all([...this.consumers.values(), ...this.observers.values()].map((consumer) => consumer.stop()));
  }
}
