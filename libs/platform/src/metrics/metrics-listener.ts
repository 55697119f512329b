import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import type { MetricsAddress } from '../config/common-config';
import { MetricsService } from './metrics.service';

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
