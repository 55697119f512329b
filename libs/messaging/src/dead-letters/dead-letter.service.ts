import { Injectable, OnModuleInit } from '@nestjs/common';
import { MetricsService, ReadinessRegistry } from '@checkout/platform';
import type { ConfirmChannel, GetMessage } from 'amqplib';
import type { Gauge } from 'prom-client';
import { BrokerConnection } from '../connection/broker-connection';
import { FailureHeaders } from '../consuming/failure-headers';
import { ConsumerRegistry } from '../consuming/consumer-registry';
import { deadLetterQueueName } from '../topology/queue-names';

export interface DeadLetter {
  queue: string;
  messageId: string | null;
  type: string | null;
  correlationId: string | null;
  reason: string | null;
  attempts: number;
  failedAt: string | null;
  body: string;
}

const MAX_SCAN = 1000;

/**
 * The operator's view of dead letters: list them with their reasons, replay one or all back
 * onto the queue they failed on. Messages are read with `basic.get` on a private channel and
 * left unacked unless replayed; closing the channel returns the rest to the queue untouched.
 *
 * Also the depth gauges of this service's queues, read from the broker when Prometheus scrapes
 * (or readiness asks), not on a timer: between scrapes an idle service asks the broker nothing.
 */
@Injectable()
export class DeadLetterService implements OnModuleInit {
  private readonly deadLetters: Gauge<'queue'>;
  private readonly queueDepth: Gauge<'queue'>;
  private readonly queueConsumers: Gauge<'queue'>;
  /** The three gauges are collected side by side at a scrape: one channel answers all three. */
  private collecting?: Promise<void>;

  constructor(
    private readonly connection: BrokerConnection,
    private readonly consumers: ConsumerRegistry,
    private readonly readiness: ReadinessRegistry,
    metrics: MetricsService,
  ) {
    // A failed read keeps the last values: the scrape itself must not fail with the broker.
    const collect = () =>
      (this.collecting ??= this.counts()
        .then(() => undefined, () => undefined)
        .finally(() => (this.collecting = undefined)));
    this.deadLetters = metrics.gauge('dead_letter_queue_depth', 'Messages waiting in a dead-letter queue', ['queue'], collect);
    this.queueDepth = metrics.gauge('queue_depth', 'Messages ready in a queue this service consumes', ['queue'], collect);
    // One consumer per replica on each queue: the replica count, as the broker sees it.
    this.queueConsumers = metrics.gauge('queue_consumers', 'Consumers on a queue this service consumes, as RabbitMQ counts them', ['queue'], collect);
  }

  onModuleInit(): void {
    this.readiness.register('deadLetters', async () => {
      const counts = await this.counts();
      return { up: true, details: counts };
    });
  }

  /** Depth of each dead-letter queue of this service. */
  async counts(): Promise<Record<string, number>> {
    // Readiness asks every few seconds; a service that consumes nothing opens no channel for it.
    if (this.consumers.queues().length === 0) return {};
    return this.withChannel(async (channel) => {
      const counts: Record<string, number> = {};
      for (const queue of this.consumers.queues()) {
        const { messageCount } = await channel.checkQueue(deadLetterQueueName(queue));
        counts[queue] = messageCount;
        this.deadLetters.set({ queue }, messageCount);
        const work = await channel.checkQueue(queue);
        this.queueDepth.set({ queue }, work.messageCount);
        this.queueConsumers.set({ queue }, work.consumerCount);
      }
      return counts;
    });
  }

  async list(limit = 100): Promise<DeadLetter[]> {
    return this.withChannel(async (channel) => {
      const found: DeadLetter[] = [];
      for (const queue of this.consumers.queues()) {
        for await (const message of drain(channel, deadLetterQueueName(queue), limit)) {
          found.push(describe(queue, message));
        }
      }
      return found.slice(0, limit);
    });
  }

  /** Moves dead letters back to their work queue with a fresh attempt count; returns how many. */
  async replay(messageId?: string): Promise<number> {
    return this.withChannel(async (channel) => {
      let replayed = 0;
      for (const queue of this.consumers.queues()) {
        // Only what was there when we started: a replayed message that fails again lands back
        // in this queue, and must not be picked up again by this same pass.
        for await (const message of drain(channel, deadLetterQueueName(queue), MAX_SCAN)) {
          if (messageId && message.properties.messageId !== messageId) continue;
          const headers = { ...message.properties.headers };
          for (const name of Object.values(FailureHeaders)) delete headers[name];
          await new Promise<void>((resolve, reject) =>
            channel.publish('', queue, message.content, { ...message.properties, headers }, (error) =>
              error ? reject(error) : resolve(),
            ),
          );
          channel.ack(message);
          replayed++;
        }
      }
      return replayed;
    });
  }

  private async withChannel<T>(work: (channel: ConfirmChannel) => Promise<T>): Promise<T> {
    const model = this.connection.manager.connection;
    if (!model) throw new Error('broker unavailable');
    const channel = await model.createConfirmChannel();
    // A queue not declared yet (asked before the consumer's topology is up) closes this channel
    // with 404: that must fail this call only, never reach the connection as an unhandled error.
    channel.on('error', () => undefined);
    try {
      return await work(channel);
    } finally {
      await channel.close().catch(() => undefined);
    }
  }
}

/** Gets (unacked) at most `limit` of the messages that are in `queue` right now. */
async function* drain(channel: ConfirmChannel, queue: string, limit: number): AsyncGenerator<GetMessage> {
  const { messageCount } = await channel.checkQueue(queue);
  for (let i = 0; i < Math.min(limit, messageCount, MAX_SCAN); i++) {
    const message = await channel.get(queue, { noAck: false });
    if (message === false) return;
    yield message;
  }
}

function describe(queue: string, message: GetMessage): DeadLetter {
  const headers = message.properties.headers ?? {};
  return {
    queue,
    messageId: message.properties.messageId ?? null,
    type: message.properties.type ?? null,
    correlationId: message.properties.correlationId ?? null,
    reason: (headers[FailureHeaders.reason] as string | undefined) ?? null,
    attempts: Number(headers[FailureHeaders.attempts] ?? 0),
    failedAt: (headers[FailureHeaders.failedAt] as string | undefined) ?? null,
    body: message.content.toString('utf8').slice(0, 4000),
  };
}
