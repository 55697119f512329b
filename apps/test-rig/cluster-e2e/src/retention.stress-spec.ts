import type { InvariantChecker } from '@checkout/invariants';
import { auditOf, failuresOf, largestTables, type RetentionRunResult, runUnderRetention, settled, startUnderRetention } from './support/retention-run';
import { TestCluster } from './support/test-cluster';

/**
 * The retention run the README quotes: a 120 s retention and ten minutes of paying checkouts
 * offered at 20 a second through the orchestrator. It prints the database's size as it goes,
 * the rate the machine sustained and the verdict.
 */
describe(`a cluster keeping finished checkouts for 120 seconds, ten minutes of paying checkouts offered at ${process.env.RETENTION_RUN_PER_SECOND ?? 20} a second`, () => {
  // RETENTION_RUN_PER_SECOND offers another rate: where the machine cannot take 20 a second,
  // admission sheds the rest and the accepted rate (hence the rows kept) varies with it.
  const perSecond = Number(process.env.RETENTION_RUN_PER_SECOND ?? 20);
  const RUN = { retentionSeconds: 120, intervalSeconds: 15, perSecond, durationSeconds: 600, warmUpSeconds: 240, sampleEverySeconds: 30 };
  let cluster: TestCluster;
  let checker: InvariantChecker;
  let run: RetentionRunResult;

  beforeAll(async () => {
    cluster = await TestCluster.create();
    await startUnderRetention(cluster, RUN);
    checker = await auditOf(cluster);
    run = await runUnderRetention(cluster, { ...RUN, log: (line) => process.stdout.write(`${line}\n`) });
    const plateau = run.samples.filter((point) => point.atSeconds >= RUN.warmUpSeconds).map((point) => point.bytes / 1048576);
    process.stdout.write(
      `accepted ${run.load.accepted} (sustained ${run.sustainedPerSecond.toFixed(1)}/s of ${RUN.perSecond}/s offered), ` +
        `completed ${run.load.completed}, cancelled ${run.load.cancelled}, failed ${run.load.failed}, shed ${run.load.shed}, not sent ${run.load.notSent}\n` +
        `plateau from ${RUN.warmUpSeconds} s: ${Math.min(...plateau).toFixed(1)}–${Math.max(...plateau).toFixed(1)} MB, spread ${(run.spread * 100).toFixed(1)} %\n` +
        `largest tables at the end:\n  ${(await largestTables(cluster)).join('\n  ')}\n`,
    );
  }, 900_000);

  afterAll(async () => {
    await checker?.close();
    await cluster?.stop();
  });

  it('keeps its database flat (within 15 %) after the first few minutes', () => {
    expect(run.spread).toBeLessThanOrEqual(0.15);
  });

  it('finds every invariant holding', async () => {
    await settled(cluster);
    const report = await checker.check({ quietMs: 0 });
    process.stdout.write(`invariants: ${report.passed ? 'all hold' : 'VIOLATED'}\n`);
    expect(failuresOf(report)).toEqual([]);
  });
});
