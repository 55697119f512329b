import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ReadinessRegistry } from '@checkout/platform';
import amqp, { AmqpConnectionManager } from 'amqp-connection-manager';

export interface BrokerOptions {
  url: string;
  /** Names the connection in the RabbitMQ management UI. */
  connectionName: string;
}

/**
 * The process's one connection to RabbitMQ. amqp-connection-manager reconnects by itself after
 * a broker restart or a dropped socket; channels created from it re-run their set-up
 * (topology, consumers) on every reconnect.
 */
@Injectable()
export class BrokerConnection implements OnModuleInit, OnApplicationShutdown {
  readonly manager: AmqpConnectionManager;
  private readonly logger = new Logger('Broker');

  constructor(options: BrokerOptions, private readonly readiness: ReadinessRegistry) {
    this.manager = amqp.connect([options.url], {
      heartbeatIntervalInSeconds: 5,
      reconnectTimeInSeconds: 1,
      connectionOptions: { clientProperties: { connection_name: options.connectionName } },
    });
    this.manager.on('connect', () => this.logger.log('connected to RabbitMQ'));
    this.manager.on('disconnect', ({ err }) => this.logger.warn(`disconnected from RabbitMQ: ${err?.message ?? 'closed'}`));
    this.manager.on('connectFailed', ({ err }) => this.logger.warn(`cannot reach RabbitMQ: ${err?.message}`));
  }

  onModuleInit(): void {
    this.readiness.register('broker', async () =>
      this.manager.isConnected() ? { up: true } : { up: false, details: { reason: 'disconnected' } },
    );
  }

  // Channels (publisher, consumers) close in beforeApplicationShutdown; the connection goes last.
  async onApplicationShutdown(): Promise<void> {
    await this.manager.close();
  }
}
