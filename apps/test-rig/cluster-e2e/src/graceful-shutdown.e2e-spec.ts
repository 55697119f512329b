import { SANDBOX_PAYMENT_METHODS as PM } from '@checkout/contracts';
import { CheckoutApi, CheckoutView } from './support/checkout-api';
import { LoadResult, postCheckoutsFor, repeatedEvents, succeededPaymentsByCheckout } from './support/checkout-load';
import { ReplicaEvent, ServiceName } from './support/service-process';
import { TestCluster } from './support/test-cluster';

const SKU = 'TRAVEL-MUG';
const STOCK = 100_000;
const SHUTDOWN_TIMEOUT_MS = 10_000;
/** The replicas sent SIGTERM while checkouts are posted, one every second from the second one. */
const TERMINATED: readonly ServiceName[] = ['checkout-orchestrator', 'catalog-svc', 'payments-svc', 'bff-web'];

describe('a replica sent SIGTERM while checkouts are being posted (2 replicas of each service)', () => {
  let cluster: TestCluster;
  let api: CheckoutApi;
  let load: LoadResult;
  let views: CheckoutView[];
  const exits: { name: ServiceName; exit: ReplicaEvent; drainMs: number }[] = [];

  beforeAll(async () => {
    cluster = await TestCluster.create({ replicas: 2 });
    // Every checkout here is paid; a busy machine must not turn one into a payment timeout.
    const slowTimeout = { 'checkout-orchestrator': { PAYMENT_TIMEOUT_SECONDS: '60' } };
    await Promise.all(cluster.startAll(slowTimeout).map((service) => service.waitReady(120_000)));
    api = new CheckoutApi(cluster);
    await api.setStock(SKU, STOCK);
    const terminations = (async () => {
      for (const name of TERMINATED) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const service = cluster.service(name);
        const [pid] = service.livePids();
        const sent = Date.now();
        process.kill(pid, 'SIGTERM');
        void service.replicaExit(pid, SHUTDOWN_TIMEOUT_MS + 5000).then((exit) => exits.push({ name, exit, drainMs: Date.now() - sent }));
      }
    })();
    load = await postCheckoutsFor(api, [{ sku: SKU, qty: 1 }], PM.pays, { durationMs: 8000, inFlight: 8 });
    await terminations;
    views = await Promise.all(load.accepted.map((id) => api.settle(id, (view) => view.final, 120_000)));
    await api.untilSold(views, 60_000);
  }, 240_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('fails no request', () => {
    expect(load.failures).toEqual([]);
    expect(load.accepted.length).toBeGreaterThan(20);
  });

  it('completes every checkout, each transition once', () => {
    expect(views.filter((view) => view.state !== 'Completed')).toEqual([]);
    expect(views.flatMap(repeatedEvents)).toEqual([]);
  });

  it('takes exactly one payment per checkout and sells exactly one unit per checkout', async () => {
    const payments = await succeededPaymentsByCheckout(cluster.database);
    expect(payments.size).toBe(views.length);
    expect([...payments.values()].every((count) => count === 1)).toBe(true);
    expect(await api.product(SKU)).toMatchObject({ onHand: STOCK - views.length, reserved: 0 });
  });

  it('lets each signalled replica drain and exit 0 within its shutdown budget, and replaces it', async () => {
    expect(exits.map(({ name, exit }) => `${name} ${exit.code}`).sort()).toEqual(TERMINATED.map((name) => `${name} 0`).sort());
    for (const { drainMs } of exits) expect(drainMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    for (const name of TERMINATED) await cluster.service(name).waitReady();
  });

  it('said it was draining before it stopped', () => {
    const logs = cluster.service('catalog-svc').logs;
    expect(logs.indexOf('SIGTERM: draining')).toBeGreaterThan(-1);
    expect(logs.indexOf('SIGTERM: draining')).toBeLessThan(logs.indexOf('drained in'));
  });
});

describe('a service sent SIGTERM', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.create();
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('reports not ready first, then stops accepting connections and exits 0', async () => {
    const sandbox = cluster.start('psp-sandbox', { SHUTDOWN_DELAY_MS: '1500' });
    await sandbox.waitReady();
    const stopped = sandbox.stop('SIGTERM');

    const draining = await sandbox.waitFor((status) => status === 503, 1000);
    expect(draining.error?.lifecycle).toMatchObject({ status: 'down', state: 'draining' });
    expect(await sandbox.exited).toBe(0);
    await stopped;
    expect(await sandbox.readiness()).toBeUndefined(); // nothing listens any more
  });
});
