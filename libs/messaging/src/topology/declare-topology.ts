import type { Channel } from 'amqplib';
import { deadLetterQueueName, retryQueueName } from './queue-names';
import { declareWorkQueue } from './work-queue';

export interface ConsumerTopology {
  exchange: string;
  queue: string;
  routingKeys: readonly string[];
  retryDelaysMs: readonly number[];
  /** A fresh channel on the same connection, for declarations that may be refused. */
  openChannel: () => Promise<Channel>;
}

/** The exchange every integration message is published to. Idempotent, like all of these. */
export async function declareExchange(channel: Channel, exchange: string): Promise<void> {
  await channel.assertExchange(exchange, 'topic', { durable: true });
}

/**
 * Declares a consumer's queues and bindings. Run on every (re)connect: declarations are
 * idempotent, so a broker that lost its state (or a fresh one) is rebuilt before consuming.
 */
export async function declareConsumerTopology(channel: Channel, topology: ConsumerTopology): Promise<void> {
  const { exchange, queue, routingKeys, retryDelaysMs, openChannel } = topology;
  await declareExchange(channel, exchange);
  // The dead-letter queue first: the work queue's delivery limit dead-letters into it.
  await channel.assertQueue(deadLetterQueueName(queue), { durable: true });
  await declareWorkQueue(channel, queue, openChannel);
  for (const key of routingKeys) await channel.bindQueue(queue, exchange, key);
  for (const delay of retryDelaysMs) {
    // After its TTL a message is dead-lettered by the broker straight back to the work queue
    // (default exchange, routing key = queue name): no timer in our process holds it.
    await channel.assertQueue(retryQueueName(queue, delay), {
      durable: true,
      arguments: { 'x-message-ttl': delay, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': queue },
    });
  }
}

export interface ObserverTopology {
  exchange: string;
  queue: string;
  /** The copies it takes; `#` for all. */
  routingKeys: readonly string[];
  /** Copies older than this expire unread. */
  messageTtlMs: number;
}

/** An observer's queue: durable, bound to its routing keys, no retry or dead-letter queues. */
export async function declareObserverTopology(channel: Channel, topology: ObserverTopology): Promise<void> {
  const { exchange, queue, routingKeys, messageTtlMs } = topology;
  await declareExchange(channel, exchange);
  await channel.assertQueue(queue, { durable: true, arguments: { 'x-message-ttl': messageTtlMs } });
  // A queue declared by an earlier version took every message: its catch-all binding goes.
  if (!routingKeys.includes('#')) await channel.unbindQueue(queue, exchange, '#');
  for (const key of routingKeys) await channel.bindQueue(queue, exchange, key);
}
