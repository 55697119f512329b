import type { MessageEnvelope } from '@checkout/contracts';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { ConfirmChannel, Options } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import { BrokerConnection } from '../connection/broker-connection';
import { MessagingMetrics } from '../messaging.metrics';
import { declareExchange } from '../topology/declare-topology';
import { propertiesOf } from './publish-properties';

export interface PublisherOptions {
  exchange: string;
}

/**
 * Publishes persistent messages on a confirm channel: `publish` resolves only once the broker
 * has taken responsibility for the message (written it to disk for durable queues). Callers
 * such as the outbox relay must not forget a message before that.
 */
@Injectable()
export class ConfirmPublisher implements BeforeApplicationShutdown {
  private readonly channel: ChannelWrapper;
  private readonly logger = new Logger('ConfirmPublisher');

  constructor(
    connection: BrokerConnection,
    private readonly options: PublisherOptions,
    private readonly metrics: MessagingMetrics,
  ) {
    this.channel = connection.manager.createChannel({
      name: 'publisher',
      confirm: true,
      setup: (channel: ConfirmChannel) => declareExchange(channel, options.exchange),
    });
    // A set-up that fails (the connection dropped half-way) is retried on the next connect;
    // without a listener the wrapper's 'error' event would crash the process.
    this.channel.on('error', (error: Error) => this.logger.warn(`publisher channel: ${error.message}`));
  }

  get exchange(): string {
    return this.options.exchange;
  }

  publish(routingKey: string, envelope: MessageEnvelope): Promise<void> {
    return this.publishSerialized(routingKey, Buffer.from(JSON.stringify(envelope)), propertiesOf(envelope));
  }

  /** For callers that already hold the serialized envelope (the outbox relay reads it as text). */
  async publishSerialized(routingKey: string, body: Buffer, properties: Options.Publish): Promise<void> {
    const type = properties.type ?? 'unknown';
    const stop = this.metrics.publishDuration.startTimer({ type });
    await this.channel.publish(this.options.exchange, routingKey, body, properties);
    stop();
    this.metrics.published.inc({ type });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.channel.close();
  }
}
