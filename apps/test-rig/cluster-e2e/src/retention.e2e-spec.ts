import type { InvariantChecker } from '@checkout/invariants';
import { eventually } from '@checkout/platform/testing';
import { Client } from 'pg';
import { clearPlantedState, plantCheckout } from './support/planted-state';
import { auditOf, failuresOf, type RetentionRunResult, runUnderRetention, settled, startUnderRetention } from './support/retention-run';
import { TestCluster } from './support/test-cluster';
import { adminUrlFor } from './support/test-infrastructure';

/**
 * The retention run of `npm test`, compressed: a 10 s retention, 80 s of paying checkouts, the
 * plateau judged on the five samples from 40 s (a checkout settles in a few seconds, so the
 * rows kept stop growing about 15 s in). The long one (120 s, ten minutes at 20/s) is
 * retention.stress-spec.ts.
 */
describe('a cluster keeping finished checkouts for 10 seconds', () => {
  // A rate a busy test machine sustains: shed checkouts would make the rate, and so the rows kept, vary.
  const RUN = { retentionSeconds: 10, intervalSeconds: 3, perSecond: 5, durationSeconds: 80, warmUpSeconds: 40, sampleEverySeconds: 10 };
  let cluster: TestCluster;
  let checker: InvariantChecker;
  let run: RetentionRunResult;

  beforeAll(async () => {
    cluster = await TestCluster.create();
    await startUnderRetention(cluster, RUN);
    checker = await auditOf(cluster);
    run = await runUnderRetention(cluster, { ...RUN, log: (line) => process.stdout.write(`${line}\n`) });
  }, 400_000);

  afterAll(async () => {
    await checker?.close();
    await cluster?.stop();
  });

  it('keeps its database flat (within 15 %) once the first retentions have passed', () => {
    expect(run.load.accepted).toBeGreaterThan(0);
    expect(run.samples.filter((point) => point.atSeconds >= RUN.warmUpSeconds).length).toBeGreaterThanOrEqual(4);
    expect(run.spread).toBeLessThanOrEqual(0.15);
  });

  it('deleted the finished checkouts past the retention and kept their totals', async () => {
    const admin = new Client({ connectionString: adminUrlFor(cluster.database) });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ kept: number; carried: string }>(
        `SELECT (SELECT count(*)::int FROM checkout.checkouts) AS kept,
                (SELECT coalesce(sum(value), 0) FROM checkout.retention_totals WHERE metric = 'checkouts') AS carried`,
      );
      expect(rows[0].kept + Number(rows[0].carried)).toBe(run.load.accepted);
      expect(rows[0].kept).toBeLessThan(run.load.accepted);
    } finally {
      await admin.end();
    }
  });

  it('finds every invariant holding over what is kept and what was carried forward', async () => {
    await settled(cluster);
    const report = await checker.check({ quietMs: 0 });
    expect(failuresOf(report)).toEqual([]);
  });

  describe('with violations planted before the retention deleted them', () => {
    let admin: Client;

    beforeAll(async () => {
      admin = new Client({ connectionString: adminUrlFor(cluster.database) });
      await admin.connect();
    });

    afterAll(async () => {
      await clearPlantedState(admin).catch(() => undefined);
      await admin?.end();
    });

    it('still reports a cancelled checkout that kept its money, and a sale nobody completed, once their rows are gone', async () => {
      const kept = await plantCheckout(admin, { state: 'Cancelled', reservation: 'released', captures: 1, ageSeconds: 600 });
      const sold = await plantCheckout(admin, { state: 'Cancelled', reservation: 'committed', ageSeconds: 600 });
      await eventually(
        async () => {
          const { rows } = await admin.query(
            `SELECT 1 FROM checkout.checkouts WHERE id = ANY($1)
             UNION ALL SELECT 1 FROM catalog.reservations WHERE checkout_id = ANY($1)
             UNION ALL SELECT 1 FROM payments.payments WHERE checkout_id = ANY($1)`,
            [[kept, sold]],
          );
          return rows.length === 0;
        },
        60_000,
        'retention deleting the planted rows',
      );

      const report = await checker.check({ quietMs: 0 });

      expect(report.passed).toBe(false);
      expect(failuresOf(report)).toEqual([
        {
          name: 'sold-equals-completed',
          examples: [expect.objectContaining({ subject: 'DEMO-WIDGET', detail: expect.stringMatching(/^before the retention horizon: completed \d+, sold \d+/) })],
        },
        {
          name: 'completed-charged-once',
          examples: [expect.objectContaining({ subject: 'before the retention horizon', detail: expect.stringMatching(/money kept \d+× at the provider/) })],
        },
      ]);
    }, 120_000);
  });
});
