import { eventually, freePort, sleep, TcpProxy } from '@checkout/platform/testing';
import { ALL_SERVICES, TestCluster } from './support/test-cluster';

const CHECKOUTS_DURING_THE_OUTAGE = 24;

/**
 * The outbox's promise, seen from a visitor: while RabbitMQ is away every service that can
 * still write durably stays ready (degraded), so checkouts started through the edge are
 * accepted, held in the orchestrator's outbox, and completed once the broker returns
 * (decision 0038). The whole cluster reaches the broker through one proxy, cut and restored.
 */
describe('checkouts started while the broker is away', () => {
  let cluster: TestCluster;
  let broker: TcpProxy;
  let edge: string;

  beforeAll(async () => {
    cluster = await TestCluster.create();
    broker = await TcpProxy.start(await freePort(), 5672);
    const amqp = new URL(cluster.amqpUrl);
    amqp.port = String(broker.port);
    const overrides = Object.fromEntries(ALL_SERVICES.map((name) => [name, { AMQP_URL: amqp.toString() }])) as Record<string, Record<string, string>>;
    // Admission as deployed (the test cluster relaxes it): its latency rules would shed every
    // start a second into the outage, and its adaptive limit after 16 waiting checkouts.
    Object.assign(overrides['checkout-orchestrator'], { ADMISSION_MAX_FIRST_STEP_WAIT_MS: '1000', ADMISSION_TARGET_LATENCY_MS: '500' });
    // The edge's limits are not what this spec is about: the starts' limit lets its 24 through,
    // and the general one (600 a minute) would refuse the polls of a slow recovery with a 429.
    Object.assign(overrides['bff-web'], { RATE_LIMIT_STARTS_PER_MINUTE: '100', RATE_LIMIT_REQUESTS_PER_MINUTE: '100000' });
    await Promise.all(cluster.startAll(overrides).map((service) => service.waitReady()));
    edge = cluster.urlOf('bff-web');
  });

  afterAll(async () => {
    await broker?.cut();
    await cluster?.stop();
  });

  const start = () =>
    fetch(`${edge}/api/demo/saga/start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: 'happy' }) });

  it('are every one accepted, and completed when the broker returns', async () => {
    await broker.cut();
    const orchestrator = cluster.service('checkout-orchestrator');
    const degraded = await orchestrator.waitFor((status, body) => status === 200 && body.status === 'degraded', 20_000);
    expect(degraded.error?.broker?.status).toBe('down');

    const accepted: string[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < CHECKOUTS_DURING_THE_OUTAGE; i++) {
      const response = await start();
      statuses.push(response.status);
      if (response.ok) accepted.push(((await response.json()) as { checkoutId: string }).checkoutId);
      // Spread over seconds: longer than the admission's first-step backstop (1 s).
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(statuses.filter((status) => status !== 201 && status !== 202)).toEqual([]);
    // Still ready throughout: a Kubernetes Service would have kept sending them traffic.
    for (const name of ALL_SERVICES) expect((await cluster.service(name).readiness())?.status).toBe(200);

    await broker.restore();
    const pending = new Set(accepted);
    await eventually(
      async () => {
        for (const id of pending) {
          const response = await fetch(`${edge}/api/demo/saga/${id}`);
          expect(response.status).toBe(200);
          if (((await response.json()) as { state: string }).state === 'Completed') pending.delete(id);
        }
        return pending.size === 0 || (await sleep(250), false);
      },
      60_000,
      'every checkout accepted during the outage Completed',
    );
    expect(accepted).toHaveLength(CHECKOUTS_DURING_THE_OUTAGE);
  });
});
