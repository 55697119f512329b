import { eventually, sleep } from '@checkout/platform/testing';
import { TestCluster } from './support/test-cluster';
import { TestPrometheus, type PrometheusTarget } from './support/test-prometheus';

/**
 * Replicas share their service's port, so a scrape there reaches whichever replica the
 * primary hands it: one replica's counters, a different one each time. Each replica serves
 * /metrics on a port of its own (METRICS_PORT + its index), and Prometheus scrapes each.
 */
describe('Prometheus scraping two replicas of one service', () => {
  let cluster: TestCluster;
  let prometheus: TestPrometheus;

  beforeAll(async () => {
    cluster = await TestCluster.create({ replicas: 2 });
    await cluster.start('catalog-svc').waitReady(60_000);
    prometheus = await TestPrometheus.start(cluster.scrapeTargets(['catalog-svc']));
  }, 90_000);

  afterAll(async () => {
    await prometheus?.stop();
    await cluster?.stop();
  });

  it('has a healthy target for each replica, labelled with the service and the replica index', async () => {
    const targets = await eventually(
      async () => {
        const all = await prometheus.targets();
        if (all.length === 2 && all.every((target) => target.health === 'up')) return all;
        await sleep(500);
        return undefined;
      },
      30_000,
      'both replicas scraped',
    );
    const labels = (target: PrometheusTarget) => [target.labels.service, target.labels.replica];
    expect(targets.map(labels).sort()).toEqual([
      ['catalog-svc', '0'],
      ['catalog-svc', '1'],
    ]);
  });

  it("serves each replica's port from that replica's own process", async () => {
    const base = cluster.metricsPorts['catalog-svc'] as number;
    const catalog = cluster.service('catalog-svc');
    const pidOf = (replica: number) => catalog.replicaEvents.filter((e) => e.replica === replica && e.event === 'started').at(-1)?.pid as number;
    // Replica 1 paused: its port goes quiet, replica 0's still answers.
    process.kill(pidOf(1), 'SIGSTOP');
    try {
      expect(await scrapeStatus(base)).toBe(200);
      expect(await scrapeStatus(base + 1)).toBe('no answer');
    } finally {
      process.kill(pidOf(1), 'SIGCONT');
    }
    expect(await scrapeStatus(base + 1)).toBe(200);
  });

  it('keeps /metrics on the shared port as well, for whoever asks the service as a whole', async () => {
    const response = await fetch(`${cluster.urlOf('catalog-svc')}/metrics`);
    expect(response.status).toBe(200);
  });
});

/** A scrape's status, or 'no answer' within a second. */
function scrapeStatus(port: number): Promise<number | 'no answer'> {
  return fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(1000) }).then(
    (response) => response.status,
    () => 'no answer' as const,
  );
}
