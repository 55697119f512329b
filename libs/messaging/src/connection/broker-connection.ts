import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { type FaultRoutes, ReadinessRegistry, withAddress } from '@checkout/platform';
import amqp, { AmqpConnectionManager } from 'amqp-connection-manager';

export interface BrokerOptions {
  url: string;
  /** Names the connection in the RabbitMQ management UI. */
  connectionName: string;
}

const MOVE_TIMEOUT_MS = 15_000;

/**
 * The process's one connection to RabbitMQ. amqp-connection-manager reconnects by itself after
 * a broker restart or a dropped socket; channels created from it re-run their set-up
 * (topology, consumers) on every reconnect.
 */
@Injectable()
export class BrokerConnection implements OnModuleInit, OnApplicationShutdown {
  readonly manager: AmqpConnectionManager;
  private readonly logger = new Logger('Broker');

  /** Where the connection goes on its next (re)connect: the URL's own address, or the fault proxy's. */
  private url: string;

  constructor(
    private readonly options: BrokerOptions,
    private readonly readiness: ReadinessRegistry,
    routes?: FaultRoutes,
  ) {
    this.url = withAddress(options.url, routes?.addressOf('rabbitmq'));
    // noDelay: Nagle's algorithm off. One connection carries both the consumers' acks and the
    // relay's publishes, and the broker delays its TCP acknowledgement of a bare basic.ack by up
    // to 40 ms; with Nagle on, the publish that follows an ack within that time (the handler
    // committed, acked, and its outbox row is relayed at once) waited for it. Measured: about
    // 40 ms on each of a checkout's hops to the orchestrator and payments (bench/latency-floor.ts).
    // Heartbeats find a broker that went silent without closing the socket (a closed socket is
    // seen at once); 15 s is within RabbitMQ's advice of 5–20 s, and a third of the frames 5 s
    // sent through an idle cluster's every connection.
    // findServers is asked on every (re)connect, so a move only has to change `url` and reconnect.
    this.manager = amqp.connect(null, {
      findServers: async () => this.url,
      heartbeatIntervalInSeconds: 15,
      reconnectTimeInSeconds: 1,
      connectionOptions: { noDelay: true, clientProperties: { connection_name: options.connectionName } },
    });
    this.manager.on('connect', () => this.logger.log('connected to RabbitMQ'));
    this.manager.on('disconnect', ({ err }) => this.logger.warn(`disconnected from RabbitMQ: ${err?.message ?? 'closed'}`));
    this.manager.on('connectFailed', ({ err }) => this.logger.warn(`cannot reach RabbitMQ: ${err?.message}`));
    routes?.follow('rabbitmq', (address) => this.moveTo(address));
  }

  /**
   * Reconnects through `address` (`host:port`; undefined: AMQP_URL's own) and resolves once
   * connected there. The channels set themselves up again (topology, consumers), unacknowledged
   * deliveries come again (the inbox recognises them), and unconfirmed publishes are sent again:
   * the same path as any dropped connection. How a chaos experiment puts the fault proxy in front
   * of this process's broker connection, and takes it away (docs/decisions/0046).
   */
  private async moveTo(address: string | undefined): Promise<void> {
    const url = withAddress(this.options.url, address);
    if (url === this.url) return;
    this.url = url;
    if (!this.manager.isConnected()) return; // the next attempt goes there anyway
    const reconnected = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not connected through ${address ?? 'AMQP_URL'} within ${MOVE_TIMEOUT_MS} ms`)), MOVE_TIMEOUT_MS);
      this.manager.once('connect', () => (clearTimeout(timer), resolve()));
    });
    this.manager.reconnect();
    await reconnected;
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
