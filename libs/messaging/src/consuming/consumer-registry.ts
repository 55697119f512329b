import { DrainRegistry } from '@checkout/platform';
import { Injectable, BeforeApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { BrokerConnection } from '../connection/broker-connection';
import { MessagingMetrics } from '../messaging.metrics';
import { MessagingSettings } from '../messaging.settings';
import type { BatchConsumer } from './batch-consumer';
import { ObserverConsumer, type ObserverOptions } from './observer-consumer';
import type { QueueSubscription } from './received-message';
import { WorkQueueConsumer } from './work-queue-consumer';

/**
 * The queues this process consumes. On SIGTERM their consumers drain (no new message, the
 * batches in flight commit and ack) before the rest of the process shuts down.
 */
@Injectable()
export class ConsumerRegistry implements OnModuleInit, BeforeApplicationShutdown {
  private readonly workQueues = new Map<string, WorkQueueConsumer>();
  private readonly observers = new Map<string, ObserverConsumer>();

  constructor(
    private readonly connection: BrokerConnection,
    private readonly settings: MessagingSettings,
    private readonly metrics: MessagingMetrics,
    private readonly drains: DrainRegistry,
  ) {}

  onModuleInit(): void {
    this.drains.register('consumers', () => this.stopAll());
  }

  /** Starts consuming the work queue `queue`, bound to the subscribed messages' routing keys. */
  consume(queue: string, subscription: QueueSubscription): Promise<void> {
    const { exchange, retryDelaysMs, prefetch } = this.settings;
    const consumer = new WorkQueueConsumer(this.connection, { exchange, queue, prefetch, retryDelaysMs, subscription }, this.metrics);
    this.workQueues.set(queue, consumer);
    return consumer.start();
  }

  /** Starts reading copies of the messages on the exchange into `queue` (see ObserverOptions). */
  observe(queue: string, options: ObserverOptions): Promise<void> {
    const consumer = new ObserverConsumer(this.connection, this.settings.exchange, queue, options, this.metrics);
    this.observers.set(queue, consumer);
    return consumer.start();
  }

  /** The work queues consumed, each with its retry and dead-letter queues (observers have none). */
  queues(): string[] {
    return [...this.workQueues.keys()];
  }

  /** Without a SIGTERM drain (a test closing its app), consumers still stop cleanly here. */
  beforeApplicationShutdown(): Promise<void> {
    return this.stopAll();
  }

  private async stopAll(): Promise<void> {
    const consumers: BatchConsumer[] = [...this.workQueues.values(), ...this.observers.values()];
    await Promise.all(consumers.map((consumer) => consumer.stop()));
  }
}
