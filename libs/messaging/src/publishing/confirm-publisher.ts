import type { MessageEnvelope } from '@checkout/contracts';
import { Injectable, BeforeApplicationShutdown } from '@nestjs/common';
import type { ConfirmChannel } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import { BrokerConnection } from '../connection/broker-connection';
import { MessagingMetrics } from '../messaging.metrics';
import { declareExchange } from '../topology/declare-topology';
import { propertiesOf } from './publish-properties';

export interface PublisherOptions {
  exchange: string;
  /** How long to wait for the broker's confirm before treating the publish as failed. */
  confirmTimeoutMs: number;
}

/**
 * Publishes persistent messages on a confirm channel: `publish` resolves only once the broker
 * has taken responsibility for the message (written it to disk for durable queues). Callers
 * such as the outbox relay must not forget a message before that.
 */
@Injectable()
export class ConfirmPublisher implements BeforeApplicationShutdown {
  private readonly channel: ChannelWrapper;

  constructor(
    connection: BrokerConnection,
    private readonly options: PublisherOptions,
    private readonly metrics: MessagingMetrics,
  ) {
    this.channel = connection.manager.createChannel({
      name: 'publisher',
      confirm: true,
      publishTimeout: options.confirmTimeoutMs,
      setup: (channel: ConfirmChannel) => declareExchange(channel, options.exchange),
    });
  }

  get exchange(): string {
    return this.options.exchange;
  }

  async publish(routingKey: string, envelope: MessageEnvelope): Promise<void> {
    const stop = this.metrics.publishDuration.startTimer({ type: envelope.type });
    await this.channel.publish(this.options.exchange, routingKey, Buffer.from(JSON.stringify(envelope)), propertiesOf(envelope));
    stop();
    this.metrics.published.inc({ type: envelope.type });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.channel.close();
  }
}
