import { CHECKOUT_EXCHANGE, parseMessage } from '@checkout/contracts';
import { BrokerConnection } from '@checkout/messaging';
import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import { rowFromEnvelope } from './message-row';
import { RowStore } from './row-store';
import { TransitionLookup } from './transition-lookup';

export const BRIDGE_QUEUE = 'bff-web.bridge';

/**
 * The read-only bridge from RabbitMQ to the browser. A durable queue bound to every routing key
 * of the checkout exchange receives a copy of each message (it takes nothing from the services'
 * own queues); each becomes a row in Redis, annotated with the transition it caused. Durable,
 * so rows published while the bff was down are bridged when it is back; messages older than
 * an hour expire unread rather than pile up.
 */
@Injectable()
export class CheckoutEventBridge implements OnModuleInit, BeforeApplicationShutdown {
  private channel?: ChannelWrapper;
  private readonly logger = new Logger('CheckoutEventBridge');

  constructor(
    private readonly broker: BrokerConnection,
    private readonly rows: RowStore,
    private readonly transitions: TransitionLookup,
  ) {}

  onModuleInit(): void {
    this.channel = this.broker.manager.createChannel({ name: 'bridge', confirm: true, setup: (channel: ConfirmChannel) => this.setup(channel) });
    this.channel.on('error', (error: Error) => this.logger.warn(`bridge channel: ${error.message}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.channel?.close();
  }

  private async setup(channel: ConfirmChannel): Promise<void> {
    await channel.assertExchange(CHECKOUT_EXCHANGE, 'topic', { durable: true });
    await channel.assertQueue(BRIDGE_QUEUE, { durable: true, arguments: { 'x-message-ttl': 3_600_000 } });
    await channel.bindQueue(BRIDGE_QUEUE, CHECKOUT_EXCHANGE, '#');
    await channel.prefetch(64);
    await channel.consume(BRIDGE_QUEUE, (message) => {
      if (message) void this.bridge(channel, message);
    });
  }

  private async bridge(channel: ConfirmChannel, message: ConsumeMessage): Promise<void> {
    let envelope: ReturnType<typeof parseMessage>;
    try {
      envelope = parseMessage(JSON.parse(message.content.toString('utf8')));
    } catch (error) {
      // An observer must never block on a message it cannot read: the services' own queues
      // still hold it, and dead-letter it there if it is really broken.
      this.logger.warn(`not bridged (unreadable): ${error instanceof Error ? error.message : error}`);
      return settle(() => channel.ack(message));
    }
    try {
      const row = rowFromEnvelope(envelope);
      if (row.to.includes('checkout-orchestrator')) {
        row.transition = await this.transitions.causedBy(envelope.correlationId, envelope.messageId);
      }
      await this.rows.save(envelope.correlationId, row);
      settle(() => channel.ack(message));
    } catch (error) {
      // Redis is away: give the message back a little later rather than lose the row.
      this.logger.warn(`bridging ${envelope.type} failed, retrying: ${error instanceof Error ? error.message : error}`);
      setTimeout(() => settle(() => channel.nack(message, false, true)), 1000);
    }
  }
}

/** Acks and nacks on a channel that may have closed meanwhile (then the broker redelivers). */
function settle(action: () => void): void {
  try {
    action();
  } catch {
    /* channel closed */
  }
}
