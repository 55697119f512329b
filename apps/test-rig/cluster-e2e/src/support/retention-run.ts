import { SANDBOX_PAYMENT_METHODS as PM } from '@checkout/contracts';
import { InvariantChecker, provisionAuditRole, type InvariantReport } from '@checkout/invariants';
import { type LoadReport, startLoad } from '@checkout/load-generator';
import { eventually, sleep } from '@checkout/platform/testing';
import { Client } from 'pg';
import { ALL_SERVICES, TestCluster } from './test-cluster';
import { adminUrlFor, testDatabaseUrl } from './test-infrastructure';

/** A compressed-time retention run: the retention, the load and when the plateau is judged. */
export interface RetentionRunOptions {
  readonly retentionSeconds: number;
  /** How often each service's retention job looks (the default minute is too coarse for seconds of retention). */
  readonly intervalSeconds: number;
  readonly perSecond: number;
  readonly durationSeconds: number;
  /** Samples from this far in are the plateau: the first few retentions fill the tables up to it. */
  readonly warmUpSeconds: number;
  readonly sampleEverySeconds: number;
  readonly log?: (line: string) => void;
}

export interface SizeSample {
  readonly atSeconds: number;
  readonly bytes: number;
  readonly checkouts: number;
  /** Finished checkouts older than the retention plus two intervals: what the retention has not caught up with. */
  readonly overdue: number;
}

export interface RetentionRunResult {
  readonly samples: readonly SizeSample[];
  readonly load: LoadReport;
  /** (max − min) / min over the samples after the warm-up. */
  readonly spread: number;
  /** Checkouts accepted per second over the run: what the machine actually sustained. */
  readonly sustainedPerSecond: number;
}

/** The services with a database, under the retention the run compresses; their VACUUM runs as the owner. */
export function retentionEnv(cluster: TestCluster, options: Pick<RetentionRunOptions, 'retentionSeconds' | 'intervalSeconds'>) {
  const env = {
    CHECKOUT_RETENTION_SECONDS: String(options.retentionSeconds),
    RETENTION_INTERVAL_SECONDS: String(options.intervalSeconds),
    RETENTION_VACUUM_URL: adminUrlFor(cluster.database),
  };
  return Object.fromEntries(ALL_SERVICES.map((name) => [name, name === 'bff-web' ? {} : env]));
}

/** Starts every service of `cluster` under the run's retention and waits until all are ready. */
export async function startUnderRetention(cluster: TestCluster, options: RetentionRunOptions): Promise<void> {
  await Promise.all(cluster.startAll(retentionEnv(cluster, options)).map((service) => service.waitReady()));
}

/**
 * Paying checkouts at `perSecond` through the orchestrator for `durationSeconds`, sampling the
 * size of the cluster's database (`pg_database_size`) as it goes; the database's autovacuum
 * is whatever the server has (off on the test machines), so the plateau is the retention's own.
 */
export async function runUnderRetention(cluster: TestCluster, options: RetentionRunOptions): Promise<RetentionRunResult> {
  const log = options.log ?? (() => undefined);
  const admin = new Client({ connectionString: adminUrlFor(cluster.database) });
  await admin.connect();
  const samples: SizeSample[] = [];
  const started = Date.now();
  const sample = async () => {
    const { rows } = await admin.query<{ bytes: string; checkouts: number; overdue: number }>(
      `SELECT pg_database_size(current_database()) AS bytes, (SELECT count(*)::int FROM checkout.checkouts) AS checkouts,
              (SELECT count(*)::int FROM checkout.checkouts WHERE state IN ('Completed', 'Cancelled', 'Failed')
                  AND updated_at < now() - make_interval(secs => $1)) AS overdue`,
      [options.retentionSeconds + 2 * options.intervalSeconds],
    );
    const point = { atSeconds: Math.round((Date.now() - started) / 1000), bytes: Number(rows[0].bytes), checkouts: rows[0].checkouts, overdue: rows[0].overdue };
    samples.push(point);
    log(
      `t=${String(point.atSeconds).padStart(4)} s  database ${(point.bytes / 1048576).toFixed(1).padStart(7)} MB  ` +
        `checkouts kept ${point.checkouts} (overdue ${point.overdue})`,
    );
  };
  try {
    const load = startLoad({
      orchestratorUrl: cluster.urlOf('checkout-orchestrator'),
      amqpUrl: cluster.amqpUrl,
      arrivals: { kind: 'open', perSecond: options.perSecond },
      orders: [{ sku: 'DEMO-WIDGET', paymentMethod: PM.pays }],
      maxCheckouts: Math.ceil(options.perSecond * options.durationSeconds) + 1,
      maxDurationMs: options.durationSeconds * 1000,
      drainMs: 60_000,
    });
    let finished = false;
    const report = load.done.finally(() => (finished = true));
    await sample();
    while (!finished) {
      await Promise.race([sleep(options.sampleEverySeconds * 1000), report]);
      if (!finished) await sample();
    }
    const loadReport = await report;
    const plateau = samples.filter((point) => point.atSeconds >= options.warmUpSeconds).map((point) => point.bytes);
    const spread = plateau.length ? (Math.max(...plateau) - Math.min(...plateau)) / Math.min(...plateau) : Number.NaN;
    return { samples, load: loadReport, spread, sustainedPerSecond: loadReport.accepted / options.durationSeconds };
  } finally {
    await admin.end();
  }
}

/**
 * Waits until nothing is in flight: the load generator stops at each checkout's end, and a
 * Completed checkout's stock is committed just after (the saga sends the commit as it completes).
 */
export async function settled(cluster: TestCluster): Promise<void> {
  const admin = new Client({ connectionString: adminUrlFor(cluster.database) });
  await admin.connect();
  try {
    await eventually(
      async () => {
        const { rows } = await admin.query<{ busy: number }>(
          `SELECT (SELECT count(*) FROM catalog.reservations WHERE status = 'held')
                + (SELECT count(*) FROM checkout.outbox WHERE sent_at IS NULL)
                + (SELECT count(*) FROM catalog.outbox WHERE sent_at IS NULL)
                + (SELECT count(*) FROM payments.outbox WHERE sent_at IS NULL) AS busy`,
        );
        return Number(rows[0].busy) === 0;
      },
      120_000,
      'the cluster settling',
    );
  } finally {
    await admin.end();
  }
}

/** The largest tables of the cluster's database, with their live and dead rows: where the bytes are. */
export async function largestTables(cluster: TestCluster, count = 10): Promise<string[]> {
  const admin = new Client({ connectionString: adminUrlFor(cluster.database) });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ name: string; bytes: string; live: string; dead: string }>(
      `SELECT schemaname || '.' || relname AS name, pg_total_relation_size(relid) AS bytes, n_live_tup AS live, n_dead_tup AS dead
         FROM pg_stat_user_tables ORDER BY pg_total_relation_size(relid) DESC LIMIT $1`,
      [count],
    );
    return rows.map((row) => `${row.name.padEnd(32)} ${(Number(row.bytes) / 1048576).toFixed(2).padStart(7)} MB  live ${row.live}, dead ${row.dead}`);
  } finally {
    await admin.end();
  }
}

/** The invariant checker on `cluster`'s database, through the read-only audit role. */
export async function auditOf(cluster: TestCluster): Promise<InvariantChecker> {
  const auditUrl = testDatabaseUrl('chaos_audit', cluster.database);
  await provisionAuditRole({ adminUrl: adminUrlFor(cluster.database), auditUrl });
  return InvariantChecker.connect(auditUrl);
}

/** The failed checks of a report, by name, with their examples: what a failing test should print. */
export const failuresOf = (report: InvariantReport) =>
  report.results.filter((result) => result.status === 'failed').map((result) => ({ name: result.name, examples: result.examples }));
