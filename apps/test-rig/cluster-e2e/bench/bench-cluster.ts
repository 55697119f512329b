import { Client } from 'pg';
import { ALL_SERVICES, TestCluster } from '../src/support/test-cluster';
import { adminUrlFor } from '../src/support/test-infrastructure';

export const HOT_SKU = 'DEMO-WIDGET';
export const SPREAD_SKUS = Array.from({ length: 100 }, (_, i) => `BENCH-${String(i).padStart(3, '0')}`);
const PLENTY = 100_000_000;

/**
 * The settings `npm start` runs with (not the e2e suite's short timeouts), except that the
 * sandbox's customer pays at once (1 ms): the benchmark measures the cluster, not a simulated human.
 */
const AS_NPM_START_EVERYWHERE: Record<string, string> = {
  LOG_LEVEL: 'warn',
  // The SDK's own default, which `npm start` keeps; the e2e suite exports every 200 ms so that
  // its trace tests wait less, and at that pace each export carries a fraction of the spans.
  OTEL_BSP_SCHEDULE_DELAY: '5000',
};
const AS_NPM_START: Record<string, Record<string, string>> = {
  'checkout-orchestrator': {
    PAYMENT_TIMEOUT_SECONDS: '10',
    RELEASE_TIMEOUT_SECONDS: '15',
    TIMER_POLL_MS: '250',
    // The default admission, not the e2e suite's 60 s: shedding is part of what is measured.
    ADMISSION_MAX_FIRST_STEP_WAIT_MS: '1000',
    ADMISSION_TARGET_LATENCY_MS: '400',
  },
  // 1 ms: the sandbox refuses 0, and a millisecond is below anything this measures.
  'psp-sandbox': { PSP_PAY_DELAY_MS: '1', PSP_LATE_PAY_DELAY_MS: '15000', PSP_WEBHOOK_RETRY_BASE_MS: '500' },
};

/** The five services on free ports, their own database and vhost, and stock for the whole run. */
export async function startBenchCluster(): Promise<TestCluster> {
  const cluster = await TestCluster.create();
  try {
    // BENCH_CPU_PROF=<dir>: each service writes a V8 CPU profile there when it stops.
    const profiling = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    // BENCH_SERVICE_ENV='{"<service>":{"NAME":"value"}}': settings to try on top of npm start's.
    const tried = serviceEnv(process.env.BENCH_SERVICE_ENV);
    const started = ALL_SERVICES.map((name) => cluster.start(name, { ...AS_NPM_START_EVERYWHERE, ...AS_NPM_START[name], ...tried[name] }, profiling));
    await Promise.all(started.map((service) => service.waitReady()));
    await addStock(cluster);
    return cluster;
  } catch (error) {
    await cluster.stop(); // processes, database and vhost: nothing of a failed start stays behind
    throw error;
  }
}

/** BENCH_SERVICE_ENV, or a message saying what it should look like. */
function serviceEnv(json: string | undefined): Record<string, Record<string, string>> {
  try {
    return JSON.parse(json ?? '{}') as Record<string, Record<string, string>>;
  } catch {
    throw new Error('BENCH_SERVICE_ENV must be JSON: {"<service>":{"NAME":"value"}}');
  }
}

async function addStock(cluster: TestCluster): Promise<void> {
  await withAdmin(cluster, async (db) => {
    await db.query('UPDATE catalog.products SET on_hand = $2 WHERE sku = $1', [HOT_SKU, PLENTY]);
    await db.query(
      `INSERT INTO catalog.products (sku, name, unit_amount, currency, on_hand)
       SELECT sku, 'Bench product ' || sku, 1999, 'GBP', $2 FROM unnest($1::text[]) AS sku`,
      [SPREAD_SKUS, PLENTY],
    );
  });
}

/** A short-lived admin connection to the cluster's database. */
export async function withAdmin<T>(cluster: TestCluster, work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: adminUrlFor(cluster.database) });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/** Postgres backends serving this cluster's database: its share of Postgres's CPU. */
export async function backendPids(cluster: TestCluster): Promise<number[]> {
  return withAdmin(cluster, async (db) => {
    const { rows } = await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [cluster.database]);
    return rows.map((row) => row.pid);
  });
}
