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
    // noDelay: Nagle's algorithm off. One connection carries both the consumers' acks and the
    // relay's publishes, and the broker delays its TCP acknowledgement of a bare basic.ack by up
    // to 40 ms; with Nagle on, the publish that follows an ack within that time (the handler
    // committed, acked, and its outbox row is relayed at once) waited for it. Measured: about
    // 40 ms on each of a checkout's hops to the orchestrator and payments (bench/latency-floor.ts).
    // Heartbeats find a broker that went silent without closing the socket (a closed socket is
    // seen at once); 15 s is within RabbitMQ's advice of 5–20 s, and a third of the frames 5 s
    // sent through an idle cluster's every connection.
    this.manager = amqp.connect([options.url], {
      heartbeatIntervalInSeconds: 15,
      reconnectTimeInSeconds: 1,
      connectionOptions: { noDelay: true, clientProperties: { connection_name: options.connectionName } },
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
