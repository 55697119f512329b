import { SupervisedCluster } from './support/supervised-cluster';

interface ExperimentView {
  id: string;
  state: string;
  checks: { name: string; passed: boolean; detail: string }[];
  verdict: { passed: boolean; summary: string; timeToRecoverMs: number | null; checkoutsAffected: number } | null;
  evidence: Record<string, unknown>;
}

async function call(base: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> };
}

async function finished(base: string, id: string, timeoutMs = 120_000): Promise<ExperimentView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await call(base, 'GET', `/experiments/${id}`);
    const experiment = body as unknown as ExperimentView;
    if (experiment.state === 'finished' || experiment.state === 'aborted') return experiment;
    if (Date.now() > deadline) throw new Error(`experiment ${id} still ${experiment.state}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('the chaos agent, against a cluster under a pm2 of its own', () => {
  let cluster: SupervisedCluster;

  beforeAll(async () => {
    cluster = await SupervisedCluster.create({ liveLoadPerSecond: 5, recoverySeconds: 45 });
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('kills catalog-svc, refuses a second experiment meanwhile, sees it come back and passes the verdict', async () => {
    const pidBefore = await cluster.pm2('pid', 'catalog-svc');
    const started = await call(cluster.agentUrl, 'POST', '/experiments', { kind: 'kill-service', target: 'catalog-svc', seconds: 3 });
    expect(started.status).toBe(202);
    const second = await call(cluster.agentUrl, 'POST', '/experiments', { kind: 'partition-service', target: 'payments-svc', seconds: 3 });
    expect(second.status).toBe(409);

    const experiment = await finished(cluster.agentUrl, String(started.body.experimentId));

    expect(experiment.state).toBe('finished');
    expect(experiment.checks.filter((check) => !check.passed)).toEqual([]);
    expect(experiment.verdict?.passed).toBe(true);
    expect(experiment.verdict?.checkoutsAffected).toBeGreaterThan(0);
    expect((await cluster.pm2('pid', 'catalog-svc')).trim()).not.toBe(pidBefore.trim());
  });
});
