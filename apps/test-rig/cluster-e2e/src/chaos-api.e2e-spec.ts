import { call, ChaosClient, settled, until, type ExperimentView } from './support/chaos-api';
import { SupervisedCluster } from './support/supervised-cluster';

/**
 * The chaos API's guarantees: what it refuses, the visitors' blast radius, one experiment at a
 * time, halt (the starter's token or the operator's), the verdict that fails when the site is
 * taken away, and a fault reverted by an agent that died past its deadline. The budget's
 * cool-down and allowances are public-chaos.stress-spec.ts's (this cluster has none to speak of). Each of the other kinds running and
 * reverting is `chaos-experiments.stress-spec.ts`, in the stress tier for time.
 */
describe('the chaos API on the edge, against a cluster under a pm2 of its own', () => {
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

  describe('requests that change nothing', () => {
    it.each([
      ['an unknown kind', { kind: 'rm-rf', target: 'catalog-svc', seconds: 5 }, 'CHAOS.UNKNOWN_KIND'],
      ['a target off the catalogue', { kind: 'kill-service', target: 'postgres', seconds: 5 }, 'CHAOS.BAD_TARGET'],
      ['a duration over any limit', { kind: 'kill-service', target: 'catalog-svc', seconds: 601 }, 'REQUEST.INVALID'],
      ['a duration of zero', { kind: 'kill-service', target: 'catalog-svc', seconds: 0 }, 'REQUEST.INVALID'],
      ['a body with extra fields', { kind: 'kill-service', target: 'catalog-svc', seconds: 5, pid: 1 }, 'REQUEST.INVALID'],
    ])('answers 400 to %s', async (_name, body, code) => {
      const answer = await call(edge, 'POST', '/api/chaos/experiments', body, chaos.asNewClient());
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe(code);
      expect(answer.text).not.toMatch(/at .*\.js|stack/i);
      expect((await call(edge, 'GET', '/api/chaos/experiments')).body.recent).toEqual([]);
    });

    it.each([
      ['a fault on the edge itself', { kind: 'stop-service', target: 'bff-web', seconds: 60 }, /only an operator/],
      ['a fault longer than 30 s', { kind: 'stop-service', target: 'catalog-svc', seconds: 31 }, /at most 30 s/],
    ])('refuses a visitor %s (403), saying it is an operator’s', async (_name, body, message) => {
      const answer = await call(edge, 'POST', '/api/chaos/experiments', body, chaos.asNewClient());
      expect([answer.status, answer.body.code]).toEqual([403, 'CHAOS.OPERATOR_ONLY']);
      expect(answer.body.message).toMatch(message);
      expect((await call(edge, 'GET', '/api/chaos/experiments')).body.recent).toEqual([]);
    });

    it('refuses a wrong operator token rather than treat it as a visitor’s request', async () => {
      const answer = await call(edge, 'POST', '/api/chaos/experiments', { kind: 'kill-service', target: 'catalog-svc', seconds: 5 }, { authorization: 'Bearer not-the-operator-token' });
      expect([answer.status, answer.body.code]).toEqual([403, 'OPS.TOKEN_REFUSED']);
    });

    it('answers 404 for an experiment that does not exist and 400 for an id that is not one', async () => {
      expect((await call(edge, 'GET', '/api/chaos/experiments/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await call(edge, 'GET', '/api/chaos/experiments/not-an-id')).status).toBe(400);
    });
  });

  it('lists the catalogue with its hypothesis and limits', async () => {
    const { body } = await call(edge, 'GET', '/api/chaos/experiments');
    const catalogue = body.catalogue as { maxSeconds: number; publicMaxSeconds: number; hypothesis: string; kinds: { kind: string; targets: string[]; publicTargets: string[] }[] };
    expect([catalogue.maxSeconds, catalogue.publicMaxSeconds]).toEqual([60, 30]);
    expect(catalogue.hypothesis).toMatch(/charged twice/);
    expect(catalogue.hypothesis).toMatch(/public page and the shop stay reachable/);
    expect(catalogue.kinds.find((entry) => entry.kind === 'stop-service')?.publicTargets).not.toContain('bff-web');
    expect(catalogue.kinds.map((entry) => entry.kind)).toEqual(
      expect.arrayContaining(['kill-service', 'stop-service', 'broker-outage', 'partition-service', 'database-connections', 'database-latency', 'duplicate-deliveries', 'poison-message']),
    );
  });

  it('kills catalog-svc, refuses a second experiment meanwhile (429 with Retry-After), and the supervisor brings it back', async () => {
    const pidBefore = (await cluster.pm2('pid', 'catalog-svc')).trim();
    const started = await chaos.start('kill-service', 'catalog-svc', 3);
    expect(started.status).toBe(202);
    expect(started.body.haltToken).toEqual(expect.any(String));
    const second = await chaos.start('partition-service', 'payments-svc', 3);
    expect([second.status, second.body.code]).toEqual([429, 'CHAOS.BUSY']);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(second.body.message).toMatch(/one at a time/);

    const experiment = await settled(edge, `/api/chaos/experiments/${started.body.experimentId}`);

    expect(experiment.state).toBe('finished');
    expect(experiment.verdict).toMatchObject({ passed: true });
    expect(experiment.verdict?.checkoutsAffected).toBeGreaterThan(0);
    // The visitors' view is part of the verdict: the site answered, their checkouts ended.
    expect(experiment.checks.map((check) => check.name)).toEqual(expect.arrayContaining(['the site stayed reachable', 'visitors’ checkouts ended']));
    expect(experiment).not.toHaveProperty('evidence');
    expect((await cluster.pm2('pid', 'catalog-svc')).trim()).not.toBe(pidBefore);
  });

  it('sends no connection through the fault proxy while no fault runs (decision 0046)', async () => {
    await call(edge, 'POST', '/api/demo/saga/start', { scenario: 'happy' }, chaos.asNewClient());
    expect(await cluster.connectionsThroughProxy()).toBe(0);
  });

  it('halts a running fault at once for the visitor who started it, and for nobody else', async () => {
    const started = await chaos.start('partition-service', 'catalog-svc', 30);
    expect(started.status).toBe(202);
    await until(async () => (await chaos.proxies()).some((proxy) => proxy.name === 'catalog-svc.rabbitmq' && !proxy.enabled), 10_000, 'partition');
    // Catalog's broker connection was moved onto its listener before the cut, and nobody else's.
    // (The agent's own record; the edge shows visitors no evidence.)
    const moved = async () =>
      ((await call(cluster.agentUrl, 'GET', `/experiments/${started.body.experimentId}`)).body as { evidence?: Record<string, unknown> }).evidence
        ?.processesMovedOntoTheProxy;
    await until(async () => (await moved()) !== undefined, 10_000, 'the fault’s evidence');
    expect(await moved()).toBe('1 of 1');
    expect(await cluster.connectionsThroughProxy('payments-svc')).toBe(0);

    const withoutToken = await call(edge, 'POST', '/api/chaos/halt', undefined, chaos.asNewClient());
    const withAnotherToken = await chaos.halt('a-token-someone-made-up-0123456789');
    for (const refused of [withoutToken, withAnotherToken]) expect([refused.status, refused.body.code]).toEqual([403, 'CHAOS.NOT_YOURS']);
    expect((await chaos.proxies()).some((proxy) => proxy.name === 'catalog-svc.rabbitmq' && !proxy.enabled)).toBe(true);

    const halted = await chaos.halt(started.body.haltToken);

    expect(halted.body).toEqual({ halted: started.body.experimentId });
    expect((await chaos.proxies()).filter((proxy) => !proxy.enabled)).toEqual([]);
    expect((await call(edge, 'GET', `/api/chaos/experiments/${started.body.experimentId}`)).body.state).toBe('aborted');
    // And moved back: at rest again, nothing passes through the proxy.
    await until(async () => (await cluster.connectionsThroughProxy()) === 0, 10_000, 'every connection direct again');
  });

  it('lets the operator halt any experiment, without its token', async () => {
    const started = await chaos.start('partition-service', 'payments-svc', 30);
    expect(started.status).toBe(202);

    const halted = await chaos.halt();

    expect(halted.body).toEqual({ halted: started.body.experimentId });
    expect((await chaos.proxies()).filter((proxy) => !proxy.enabled)).toEqual([]);
  });

  it('fails the verdict of an operator’s fault that takes the site away, with the seconds it was unreachable', async () => {
    // The answer may not make it back: the edge that carries it is the one being stopped.
    await chaos.startAsOperator('stop-service', 'bff-web', 6).catch(() => undefined);
    const agentRecent = async () => ((await call(cluster.agentUrl, 'GET', '/experiments')).body.recent as unknown as ExperimentView[])[0];
    const started = await until(async () => {
      const latest = await agentRecent();
      return latest?.target === 'bff-web' && latest;
    }, 30_000, 'the edge’s stop recorded');
    // The edge is away for a while: the agent is asked directly.
    let experiment = started;
    await until(async () => {
      experiment = await chaos.internal(started.id).catch(() => experiment);
      return experiment.state === 'finished' || experiment.state === 'aborted';
    }, 150_000, 'the verdict');
    await cluster.waitReady(['bff-web']);

    const site = experiment.checks.find((check) => check.name === 'the site stayed reachable');
    expect(experiment.verdict?.passed).toBe(false);
    expect(site?.passed).toBe(false);
    const seconds = Number(/unreachable for (\d+) s/.exec(site?.detail ?? '')?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(4);
    expect(experiment.verdict?.summary).toMatch(/the site stayed reachable \(the site was unreachable for \d+ s/);
  });

  it('reverts a fault whose deadline passed while the agent was down, as soon as it is back', async () => {
    const started = await chaos.start('partition-service', 'payments-svc', 3);
    expect(started.status).toBe(202);
    await cluster.pm2('stop', 'chaos-agent');
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    // Past its deadline and nobody has reverted it: only the agent may, and it is down.
    expect((await chaos.proxies()).find((proxy) => proxy.name === 'payments-svc.rabbitmq')?.enabled).toBe(false);

    await cluster.pm2('start', 'chaos-agent');

    await until(async () => (await chaos.proxies()).find((proxy) => proxy.name === 'payments-svc.rabbitmq')?.enabled, 30_000, 'revert after restart');
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
