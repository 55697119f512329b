import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { WORKSPACE_ROOT } from './support/service-process';
import { SupervisedCluster } from './support/supervised-cluster';
import { testDatabaseUrl } from './support/test-infrastructure';

const run = promisify(execFile);

/** The short soak: about 600 checkouts under 8 seeded faults, judged by the invariant checker. */
describe('the seeded soak, short', () => {
  let cluster: SupervisedCluster;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    // No live load from the agent: the soak's own checkouts are the only traffic it judges.
    cluster = await SupervisedCluster.create({ liveLoadPerSecond: 0, recoverySeconds: 30 });
    env = {
      ...process.env,
      CHAOS_AGENT_URL: cluster.agentUrl,
      ORCHESTRATOR_URL: cluster.urlOf('checkout-orchestrator'),
      AMQP_URL: cluster.base.amqpUrl,
      AUDIT_DATABASE_URL: testDatabaseUrl('chaos_audit', cluster.base.database),
    };
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  const soak = (...args: string[]) => run('npm', ['run', '--silent', 'soak', '--', ...args], { cwd: WORKSPACE_ROOT, env, timeout: 300_000 });

  it('draws the same fault schedule from the same seed, and another from another seed', async () => {
    const first = await soak('--seed', '42', '--checkouts', '600', '--faults', '8', '--dry-run');
    const again = await soak('--seed', '42', '--checkouts', '600', '--faults', '8', '--dry-run');
    const other = await soak('--seed', '43', '--checkouts', '600', '--faults', '8', '--dry-run');
    expect(again.stdout).toBe(first.stdout);
    expect(other.stdout).not.toBe(first.stdout);
    expect(first.stdout.trim().split('\n')).toHaveLength(9);
  });

  it('runs 600 checkouts through 8 faults and finds every invariant holding', async () => {
    const { stdout } = await soak('--seed', '42', '--checkouts', '600', '--faults', '8', '--rate', '5', '--settle-seconds', '90', '--quiet-ms', '0');

    expect(stdout).toMatch(/^seed 42$/m);
    expect(stdout).toMatch(/600 started/);
    expect(stdout).toMatch(/faults: 8 performed/);
    expect(stdout).toMatch(/invariants: all hold/);
    expect(stdout).not.toMatch(/FAIL/);
  }, 300_000);
});
