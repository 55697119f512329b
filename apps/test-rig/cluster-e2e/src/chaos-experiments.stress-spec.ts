import { call, ChaosClient, until } from './support/chaos-api';
import { SupervisedCluster } from './support/supervised-cluster';

/**
 * Every kind of the catalogue (but kill-service, which `chaos-api.e2e-spec.ts` runs) performed
 * through the edge under the live load: each takes effect, is reverted at its deadline, and is
 * judged passed with every check. About a minute and a half on two cores, so the stress tier.
 */
describe('each experiment of the catalogue, through the edge, against a cluster under a pm2 of its own', () => {
  let cluster: SupervisedCluster;
  let edge: string;
  let chaos: ChaosClient;

  beforeAll(async () => {
    cluster = await SupervisedCluster.create({ liveLoadPerSecond: 5, recoverySeconds: 45 });
    edge = cluster.urlOf('bff-web');
    chaos = new ChaosClient(edge, cluster.agentUrl, cluster.faultProxyUrl);
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('stops payments-svc for the duration and starts it again', async () => {
    await chaos.runToVerdict('stop-service', 'payments-svc', 3);
    expect(await cluster.status('payments-svc')).toBe('online');
  });

  it('cuts every service off the broker and gives it back', async () => {
    const experiment = await chaos.runToVerdict('broker-outage', 'cluster', 3);
    expect((await chaos.internal(experiment.id)).evidence?.brokerConnectionsCut).toBe(4);
    // At rest they are direct: each service's connection was moved onto its listener first (0046).
    expect((await chaos.internal(experiment.id)).evidence?.processesMovedOntoTheProxy).toBe('4 of 4');
    await until(async () => (await cluster.connectionsThroughProxy()) === 0, 15_000, 'every connection direct again');
    expect((await chaos.proxies()).filter((proxy) => !proxy.enabled)).toEqual([]);
  });

  it('partitions one service from the broker and heals it', async () => {
    const experiment = await chaos.runToVerdict('partition-service', 'checkout-orchestrator', 3);
    expect((await chaos.internal(experiment.id)).evidence?.processesMovedOntoTheProxy).toBe('1 of 1');
    expect((await chaos.proxies()).filter((proxy) => !proxy.enabled)).toEqual([]);
  });

  it("terminates one service's database connections and it reconnects", async () => {
    const experiment = await chaos.runToVerdict('database-connections', 'catalog-svc');
    expect((await chaos.internal(experiment.id)).evidence?.connectionsTerminated).toBeGreaterThan(0);
  });

  it("slows one service's database and removes the latency afterwards", async () => {
    const experiment = await chaos.runToVerdict('database-latency', 'payments-svc', 3);
    expect((await chaos.internal(experiment.id)).evidence?.processesMovedOntoTheProxy).toBe('1 of 1');
    expect((await chaos.proxies()).flatMap((proxy) => proxy.toxics)).toEqual([]);
    await until(async () => (await cluster.connectionsThroughProxy()) === 0, 15_000, 'every connection direct again');
  });

  it('delivers recent messages again and the inboxes absorb them', async () => {
    const experiment = await chaos.runToVerdict('duplicate-deliveries', 'cluster');
    expect((await chaos.internal(experiment.id)).evidence?.messagesDeliveredAgain).toBeGreaterThan(0);
  });

  it('dead-letters a poison message with its reason, and the invariants expect exactly it', async () => {
    await chaos.runToVerdict('poison-message', 'catalog-svc');
    const letters = await call(cluster.urlOf('catalog-svc'), 'GET', '/ops/dead-letters');
    expect(JSON.stringify(letters.body)).toMatch(/ChaosPoison|JSON|envelope/i);
    const invariants = await call(edge, 'GET', '/api/invariants');
    const deadLetters = (invariants.body.results as { name: string; status: string }[]).find((result) => result.name === 'dead-letters-as-injected');
    expect(deadLetters?.status).toBe('passed');
  });
});
