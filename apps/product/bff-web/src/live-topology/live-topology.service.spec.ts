import { freePort } from '@checkout/platform/testing';
import type { ClusterHealthService, ClusterView } from '../cluster-health/cluster-health.service';
import { PrometheusClient, type InstantSample } from '../prometheus/prometheus.client';
import { LiveTopologyService, TOPOLOGY_VIEW_TTL_MS } from './live-topology.service';

const cluster: ClusterView = {
  at: '2026-01-01T12:00:00.000Z',
  services: [
    { name: 'bff-web', ready: true, checks: {} },
    { name: 'catalog-svc', ready: false, checks: {} },
  ],
};
const health = { view: async () => cluster } as unknown as ClusterHealthService;

/** A Prometheus that answers each instant query with one sample per service, and counts them. */
class CountingPrometheus extends PrometheusClient {
  readonly asked: string[] = [];
  constructor() {
    super('http://127.0.0.1:1');
  }
  override async query(promql: string): Promise<InstantSample[]> {
    this.asked.push(promql);
    return [{ metric: { service: 'catalog-svc' }, value: [1700000000, '4'] }];
  }
}

describe('the live topology behind the architecture diagram', () => {
  it("asks Prometheus only its own recording rules, and once per look however many visitors ask", async () => {
    const prometheus = new CountingPrometheus();
    const topology = new LiveTopologyService(health, prometheus);
    const views = await Promise.all(Array.from({ length: 20 }, () => topology.view()));
    expect(prometheus.asked.sort()).toEqual([
      'service:http_requests_served:rate45s',
      'service:messages_consumed:rate45s',
      'service:messages_published:rate45s',
      'service:replicas:count',
    ]);
    expect(views[19].services[1]).toMatchObject({ name: 'catalog-svc', ready: false, replicas: 4, publishedPerSecond: 4 });
    await new Promise((resolve) => setTimeout(resolve, TOPOLOGY_VIEW_TTL_MS + 50));
    await topology.view();
    expect(prometheus.asked).toHaveLength(8);
  });

  it('with Prometheus away still shows readiness, and says the figures are unavailable', async () => {
    const topology = new LiveTopologyService(health, new PrometheusClient(`http://127.0.0.1:${await freePort()}`));
    const view = await topology.view();
    expect(view.metrics).toBe(false);
    expect(view.services).toEqual([
      { name: 'bff-web', ready: true, replicas: null, requestsPerSecond: null, publishedPerSecond: null, consumedPerSecond: null },
      { name: 'catalog-svc', ready: false, replicas: null, requestsPerSecond: null, publishedPerSecond: null, consumedPerSecond: null },
    ]);
  });
});
