import { CheckoutCancelled, CheckoutCompleted, CheckoutFailed, parseMessage } from '@checkout/contracts';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import amqp, { type AmqpConnectionManager, type ChannelWrapper } from 'amqp-connection-manager';
import { randomBytes } from 'node:crypto';

export type CheckoutEnd = 'Completed' | 'Cancelled' | 'Failed';

const ENDS: ReadonlyMap<string, CheckoutEnd> = new Map([
  [CheckoutCompleted.type, 'Completed'],
  [CheckoutCancelled.type, 'Cancelled'],
  [CheckoutFailed.type, 'Failed'],
]);

/** Unused for this long (the generator gone), the broker deletes the queue by itself. */
const QUEUE_EXPIRES_MS = 60_000;

/**
 * How the generator learns that a checkout ended: the orchestrator publishes CheckoutCompleted,
 * CheckoutCancelled or CheckoutFailed when a saga reaches its end, and a queue of our own bound
 * to those three routing keys receives a copy. One consumer for the whole run, so following
 * checkouts costs the cluster nothing more as load grows (a poll per checkout would). The queue
 * is durable with an expiry rather than exclusive, so a dropped connection or a broker restart
 * (a chaos fault) loses no ends: the manager reconnects and consumes what waited.
 */
export class TerminalEventFeed {
  private readonly connection: AmqpConnectionManager;
  private readonly channel: ChannelWrapper;
  readonly queue = `load-generator.${randomBytes(6).toString('hex')}`;

  constructor(amqpUrl: string, exchange: string, onEnd: (checkoutId: string, end: CheckoutEnd) => void) {
    this.connection = amqp.connect([amqpUrl], { heartbeatIntervalInSeconds: 5, reconnectTimeInSeconds: 1 });
    this.connection.on('connectFailed', () => undefined); // retried by the manager
    this.channel = this.connection.createChannel({
      name: 'load-generator',
      setup: async (channel: ConfirmChannel) => {
        await channel.assertExchange(exchange, 'topic', { durable: true });
        await channel.assertQueue(this.queue, { durable: true, arguments: { 'x-expires': QUEUE_EXPIRES_MS } });
        for (const definition of [CheckoutCompleted, CheckoutCancelled, CheckoutFailed]) {
          await channel.bindQueue(this.queue, exchange, definition.routingKey);
        }
        await channel.prefetch(512);
        await channel.consume(this.queue, (message) => message && this.receive(channel, message, onEnd));
      },
    });
    this.channel.on('error', () => undefined); // the set-up is re-run on reconnect
  }

  /** Resolves once the queue is bound: checkouts started after this have their ends observed. */
  ready(): Promise<void> {
    return this.channel.waitForConnect();
  }

  async close(): Promise<void> {
    await this.channel.close().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
  }

  private receive(channel: ConfirmChannel, message: ConsumeMessage, onEnd: (checkoutId: string, end: CheckoutEnd) => void): void {
    try {
      const envelope = parseMessage(JSON.parse(message.content.toString('utf8')));
      const end = ENDS.get(envelope.type);
      if (end) onEnd(envelope.correlationId, end);
    } catch {
      // Not a message we can read: an observer ignores it (the services' own queues judge it).
    }
    channel.ack(message);
  }
}
