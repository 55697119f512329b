import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import type { MetricsAddress } from '../config/common-config';
import { MetricsService } from './metrics.service';

const KEEP_ALIVE_MS = 60_000;

/**
 * `/metrics` on an address of its own: for each replica, so Prometheus scrapes every one and
 * not whichever the shared port hands it; and for the edge, whose main port is public, so
 * what the process is doing is for the operator's Prometheus, not for visitors. A bare Node
 * server, so nothing of the public app (routes, guards, rate limits) applies to it.
 */
export class MetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    private readonly metrics: MetricsService,
    private readonly address: MetricsAddress,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
        return;
      }
      this.metrics.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(text),
        () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
      );
    });
    // Prometheus keeps its connection open between scrapes (every 15 s); Node's default of 5 s
    // closed it after each one, so every scrape paid a new connection, handed from pm2's cluster
    // master to the replica over IPC. A minute keeps the one connection for every scrape.
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.address.port, this.address.host, () => resolve());
    });
    this.server = server;
    this.logger.log(`metrics on ${this.address.host}:${this.address.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
