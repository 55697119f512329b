import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadBffConfig } from '../config';
import { ClusterHealthService, CLUSTER_VIEW_TTL_MS } from './cluster-health.service';

/** A stand-in for every service's /health/ready that counts how often it is asked. */
async function readinessServer(): Promise<{ url: string; asked: () => number; close: () => Promise<void> }> {
  let asked = 0;
  const server: Server = createServer((_request, response) => {
    asked++;
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        status: 'ok',
        details: {
          database: { status: 'up', latencyMs: 2 },
          outbox: { status: 'up', pending: 3, oldestPendingAgeSeconds: 1.5 },
          broker: { status: 'down', reason: 'connect ECONNREFUSED 10.1.2.3:5672 at amqp://rabbit.internal' },
        },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, asked: () => asked, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('the cluster view behind the health dashboard', () => {
  let upstream: Awaited<ReturnType<typeof readinessServer>>;
  let health: ClusterHealthService;

  beforeAll(async () => {
    upstream = await readinessServer();
    const port = new URL(upstream.url).port;
    health = new ClusterHealthService(
      loadBffConfig({ PORT: port, ORCHESTRATOR_URL: upstream.url, CATALOG_URL: upstream.url, PAYMENTS_URL: upstream.url, PSP_URL: upstream.url }),
    );
  });

  afterAll(() => upstream.close());

  it('asks each service once however many visitors ask at the same moment', async () => {
    const before = upstream.asked();
    await Promise.all(Array.from({ length: 50 }, () => health.view()));
    expect(upstream.asked() - before).toBe(5);
  });

  it('looks again once the view is about a second old', async () => {
    await health.view();
    const before = upstream.asked();
    await new Promise((resolve) => setTimeout(resolve, CLUSTER_VIEW_TTL_MS + 50));
    await health.view();
    expect(upstream.asked() - before).toBe(5);
  });

  it('shows statuses and counts, and no address, URL or failure text', async () => {
    const view = await health.view();
    expect(view.services[1]).toEqual({
      name: 'checkout-orchestrator',
      ready: true,
      checks: {
        database: { status: 'up', latencyMs: 2 },
        outbox: { status: 'up', pending: 3, oldestPendingAgeSeconds: 1.5 },
        broker: { status: 'down' },
      },
    });
    expect(JSON.stringify(view)).not.toMatch(/127\.0\.0\.1|10\.1\.2\.3|http|ECONNREFUSED|internal/);
  });
});
