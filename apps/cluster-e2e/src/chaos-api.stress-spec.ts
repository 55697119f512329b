import { call, settled, until, type ExperimentView } from './support/chaos-api';
import { SupervisedCluster } from './support/supervised-cluster';

interface ProxyView {
  name: string;
  enabled: boolean;
  toxics: unknown[];
}

describe('the chaos API on the edge, against a cluster under a pm2 of its own', () => {
  let cluster: SupervisedCluster;
  let edge: string;

  beforeAll(async () => {
    cluster = await SupervisedCluster.create({ liveLoadPerSecond: 5, recoverySeconds: 45 });
    edge = cluster.urlOf('bff-web');
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  // The edge limits experiment starts per client (the address it trusts from a loopback proxy):
  // each request below comes from a client of its own, except in the test of that limit.
  let clients = 0;
  const asNewClient = () => ({ 'x-forwarded-for': `10.0.${Math.floor(++clients / 250)}.${clients % 250}` });
  const start = (kind: string, target: string, seconds: number) => call(edge, 'POST', '/api/chaos/experiments', { kind, target, seconds }, asNewClient());
  const proxies = async () => Object.values((await call(cluster.faultProxyUrl, 'GET', '/proxies')).body as unknown as Record<string, ProxyView>);
  /** The agent's own record, evidence included (the edge does not show it to visitors). */
  const internal = (id: string) => call(cluster.agentUrl, 'GET', `/experiments/${id}`).then((answer) => answer.body as unknown as ExperimentView);

  async function runToVerdict(kind: string, target: string, seconds = 2): Promise<ExperimentView> {
    const started = await start(kind, target, seconds);
    expect(started.status).toBe(202);
    const experiment = await settled(edge, `/api/chaos/experiments/${started.body.experimentId}`);
    expect({ kind, failed: experiment.checks.filter((check) => !check.passed) }).toEqual({ kind, failed: [] });
    expect(experiment.verdict?.passed).toBe(true);
    return experiment;
  }

  describe('requests that change nothing', () => {
    it.each([
      ['an unknown kind', { kind: 'rm-rf', target: 'catalog-svc', seconds: 5 }, 'CHAOS.UNKNOWN_KIND'],
      ['a target off the catalogue', { kind: 'kill-service', target: 'postgres', seconds: 5 }, 'CHAOS.BAD_TARGET'],
      ['a duration over the limit', { kind: 'kill-service', target: 'catalog-svc', seconds: 61 }, 'REQUEST.INVALID'],
      ['a duration of zero', { kind: 'kill-service', target: 'catalog-svc', seconds: 0 }, 'REQUEST.INVALID'],
      ['a body with extra fields', { kind: 'kill-service', target: 'catalog-svc', seconds: 5, pid: 1 }, 'REQUEST.INVALID'],
    ])('answers 400 to %s', async (_name, body, code) => {
      const answer = await call(edge, 'POST', '/api/chaos/experiments', body, asNewClient());
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe(code);
      expect(answer.text).not.toMatch(/at .*\.js|stack/i);
      expect((await call(edge, 'GET', '/api/chaos/experiments')).body.recent).toEqual([]);
    });

    it('answers 404 for an experiment that does not exist and 400 for an id that is not one', async () => {
      expect((await call(edge, 'GET', '/api/chaos/experiments/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await call(edge, 'GET', '/api/chaos/experiments/not-an-id')).status).toBe(400);
    });
  });

  it('lists the catalogue with its hypothesis and limits', async () => {
    const { body } = await call(edge, 'GET', '/api/chaos/experiments');
    const catalogue = body.catalogue as { maxSeconds: number; hypothesis: string; kinds: { kind: string; targets: string[] }[] };
    expect(catalogue.maxSeconds).toBe(60);
    expect(catalogue.hypothesis).toMatch(/charged twice/);
    expect(catalogue.kinds.map((entry) => entry.kind)).toHaveLength(8);
  });

  it('kills catalog-svc, refuses a second experiment meanwhile (409), and the supervisor brings it back', async () => {
    const pidBefore = (await cluster.pm2('pid', 'catalog-svc')).trim();
    const started = await start('kill-service', 'catalog-svc', 3);
    expect(started.status).toBe(202);
    const second = await start('partition-service', 'payments-svc', 3);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('CHAOS.BUSY');

    const experiment = await settled(edge, `/api/chaos/experiments/${started.body.experimentId}`);

    expect(experiment.state).toBe('finished');
    expect(experiment.verdict).toMatchObject({ passed: true });
    expect(experiment.verdict?.checkoutsAffected).toBeGreaterThan(0);
    expect(experiment).not.toHaveProperty('evidence');
    expect((await cluster.pm2('pid', 'catalog-svc')).trim()).not.toBe(pidBefore);
  });

  it('stops payments-svc for the duration and starts it again', async () => {
    await runToVerdict('stop-service', 'payments-svc', 3);
    expect(await cluster.status('payments-svc')).toBe('online');
  });

  it('cuts every service off the broker and gives it back', async () => {
    const experiment = await runToVerdict('broker-outage', 'cluster', 3);
    expect((await internal(experiment.id)).evidence?.brokerConnectionsCut).toBe(4);
    expect((await proxies()).filter((proxy) => !proxy.enabled)).toEqual([]);
  });

  it('partitions one service from the broker and heals it', async () => {
    await runToVerdict('partition-service', 'checkout-orchestrator', 3);
    expect((await proxies()).filter((proxy) => !proxy.enabled)).toEqual([]);
  });

  it("terminates one service's database connections and it reconnects", async () => {
    const experiment = await runToVerdict('database-connections', 'catalog-svc');
    expect((await internal(experiment.id)).evidence?.connectionsTerminated).toBeGreaterThan(0);
  });

  it("slows one service's database and removes the latency afterwards", async () => {
    await runToVerdict('database-latency', 'payments-svc', 3);
    expect((await proxies()).flatMap((proxy) => proxy.toxics)).toEqual([]);
  });

  it('delivers recent messages again and the inboxes absorb them', async () => {
    const experiment = await runToVerdict('duplicate-deliveries', 'cluster');
    expect((await internal(experiment.id)).evidence?.messagesDeliveredAgain).toBeGreaterThan(0);
  });

  it('dead-letters a poison message with its reason, and the invariants expect exactly it', async () => {
    await runToVerdict('poison-message', 'catalog-svc');
    const letters = await call(cluster.urlOf('catalog-svc'), 'GET', '/ops/dead-letters');
    expect(JSON.stringify(letters.body)).toMatch(/ChaosPoison|JSON|envelope/i);
    const invariants = await call(edge, 'GET', '/api/invariants');
    const deadLetters = (invariants.body.results as { name: string; status: string }[]).find((result) => result.name === 'dead-letters-as-injected');
    expect(deadLetters?.status).toBe('passed');
  });

  it('halts a running fault at once', async () => {
    const started = await start('partition-service', 'catalog-svc', 60);
    expect(started.status).toBe(202);
    await until(async () => (await proxies()).some((proxy) => proxy.name === 'catalog-svc.rabbitmq' && !proxy.enabled), 10_000, 'partition');

    const halted = await call(edge, 'POST', '/api/chaos/halt');

    expect(halted.body).toEqual({ halted: started.body.experimentId });
    expect((await proxies()).filter((proxy) => !proxy.enabled)).toEqual([]);
    expect((await call(edge, 'GET', `/api/chaos/experiments/${started.body.experimentId}`)).body.state).toBe('aborted');
  });

  it('reverts a fault whose deadline passed while the agent was down, as soon as it is back', async () => {
    const started = await start('partition-service', 'payments-svc', 3);
    expect(started.status).toBe(202);
    await cluster.pm2('stop', 'chaos-agent');
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    // Past its deadline and nobody has reverted it: only the agent may, and it is down.
    expect((await proxies()).find((proxy) => proxy.name === 'payments-svc.rabbitmq')?.enabled).toBe(false);

    await cluster.pm2('start', 'chaos-agent');

    await until(async () => (await proxies()).find((proxy) => proxy.name === 'payments-svc.rabbitmq')?.enabled, 30_000, 'revert after restart');
    // Reverted by the restarted agent, which then moves it on (to its verdict).
    const experiment = (await settled(edge, `/api/chaos/experiments/${started.body.experimentId}`)) as ExperimentView & { revertedAt: string };
    expect(Date.parse(experiment.revertedAt)).toBeGreaterThan(Date.parse(String(started.headers.get('date'))) + 3_000);
  });

  it('limits how many experiments one client may ask for (429 with Retry-After)', async () => {
    const answers = [];
    const oneClient = { 'x-forwarded-for': '10.9.9.9' };
    for (let i = 0; i < 8; i++) answers.push(await call(edge, 'POST', '/api/chaos/experiments', { kind: 'rm-rf', target: 'x', seconds: 1 }, oneClient));
    expect(answers.map((answer) => answer.status)).toContain(429);
    expect(answers.find((answer) => answer.status === 429)?.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('answers 503 with Retry-After, not 500, while the agent is away', async () => {
    await cluster.pm2('stop', 'chaos-agent');
    try {
      const answer = await call(edge, 'GET', '/api/chaos/experiments');
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
    } finally {
      await cluster.pm2('start', 'chaos-agent');
    }
  });
});
