import { Client } from 'pg';
import { plantCheckout } from './support/planted-state';
import { runSoak, shortSoak } from './support/soak-run';
import { SupervisedCluster } from './support/supervised-cluster';
import { adminUrlFor } from './support/test-infrastructure';

/**
 * The short soak of `npm test`: about 600 checkouts under 8 seeded faults (the page's kinds,
 * performed by the agent), judged by the invariant checker. The long one is the same command
 * with `--checkouts 5000 --faults 60`.
 */
describe('the seeded soak, short', () => {
  let cluster: SupervisedCluster;

  beforeAll(async () => {
    // No live load from the agent: the soak's own checkouts are the only traffic it judges.
    cluster = await SupervisedCluster.create({ liveLoadPerSecond: 0, recoverySeconds: 30 });
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  const soak = (...args: string[]) => runSoak(cluster, args);

  it('draws the same fault schedule from the same seed, and another from another seed', async () => {
    const dryRun = (seed: string) => soak('--seed', seed, '--checkouts', '600', '--faults', '8', '--dry-run');
    const [first, again, other] = await Promise.all([dryRun('42'), dryRun('42'), dryRun('43')]);
    expect(first.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(other.stdout).not.toBe(first.stdout);
    const faults = first.stdout.trim().split('\n').slice(1);
    expect(faults).toHaveLength(8);
    // Kinds come in shuffled rounds of the catalogue: 8 faults are 8 different kinds.
    expect(new Set(faults.map((line) => line.trim().split(' ')[0])).size).toBe(8);
  });

  it('runs 600 checkouts through 8 faults and finds every invariant holding', async () => {
    const result = await runSoak(cluster, shortSoak(), { artifact: 'soak-short.txt' });

    expect(result.stdout).toMatch(/^seed 42$/m);
    expect(result.stdout).toMatch(/600 started/);
    expect(result.stdout).toMatch(/faults: 8 performed/);
    expect(result.stdout).not.toMatch(/FAIL/);
    expect(result.stdout).toMatch(/invariants: all hold/);
    expect(result.code).toBe(0);
  }, 300_000);

  it('exits 1 and names the invariant when the cluster holds a customer charged twice', async () => {
    const admin = new Client({ connectionString: adminUrlFor(cluster.base.database) });
    await admin.connect();
    try {
      await plantCheckout(admin, { state: 'Completed', reservation: 'committed', captures: 2 });
    } finally {
      await admin.end();
    }

    const result = await soak('--seed', '7', '--checkouts', '5', '--faults', '0', '--rate', '5', '--settle-seconds', '5', '--quiet-ms', '0');

    expect(result.stdout).toMatch(/invariants: VIOLATED/);
    expect(result.stdout).toMatch(/FAIL completed-charged-once \(1\)/);
    expect(result.code).toBe(1);
  }, 120_000);
});
