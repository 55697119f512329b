import { SANDBOX_PAYMENT_METHODS as PM } from '@checkout/contracts';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { cpuSeconds } from '../bench/process-usage';
import { CheckoutApi } from './support/checkout-api';
import { postCheckoutsFor } from './support/checkout-load';
import { type ClusterService, ALL_SERVICES, TestCluster } from './support/test-cluster';
import { adminUrlFor } from './support/test-infrastructure';

/**
 * The figures of docs/scaling.md: checkouts per second, end to end, with 1 and with 2
 * replicas of every service, and where the CPU goes. Not a test (it asserts nothing, and the
 * suite's testMatch leaves it out); run it, on the built services, with
 *   npx jest -c apps/test-rig/cluster-e2e/jest.config.ts --testMatch='<rootDir>/src/*.measure.ts'
 * MEASURE_SECONDS (20), MEASURE_IN_FLIGHT (16) and MEASURE_ROUNDS (1) change the run. Each round
 * runs every variant below in turn, so the drift of a shared machine's load spreads over all.
 * For each it prints the rates, the load average while it ran, each service's CPU per
 * completed checkout (all its processes; a replicated service's primary, which hands out the
 * HTTP connections, apart), its CPU per second at rest and what checkouts add beyond it, the
 * Postgres backends' CPU, the cores the cluster got while it worked (on a shared machine, what
 * else runs decides that), the cluster database's commits and rollbacks (a lost optimistic race
 * rolls back) and the services' retry, duplicate and ignored-event counters, over all replicas.
 */
const SECONDS = Number(process.env.MEASURE_SECONDS ?? 20);
const IN_FLIGHT = Number(process.env.MEASURE_IN_FLIGHT ?? 16);
const ROUNDS = Number(process.env.MEASURE_ROUNDS ?? 1);
const IDLE_SECONDS = 5;

interface Variant {
  readonly name: string;
  readonly replicas: number;
  /** Added to every service's environment, over what TestCluster gives it. */
  readonly env?: Record<string, string>;
  /** Added to one service's, over the above. */
  readonly serviceEnv?: Partial<Record<ClusterService, Record<string, string>>>;
}

/** The per-second work of `npm start`'s defaults rather than the e2e suite's: spans exported every 5 s (the SDK's default) rather than 200 ms. */
const AS_NPM_START = { env: { OTEL_BSP_SCHEDULE_DELAY: '5000' }, serviceEnv: {} };
const POOLS_OF_10 = { DATABASE_POOL_SIZE: '10' };

/**
 * What TestCluster runs (2 replicas: pools of 5, prefetch 4), each of those undone alone, the
 * pools undone for one service at a time, and one replica with the pools of two.
 */
const ALL_VARIANTS: Variant[] = [
  { name: '1 replica', replicas: 1 },
  { name: '2 replicas', replicas: 2 },
  { name: '2 replicas, prefetch 16', replicas: 2, env: { AMQP_PREFETCH: '16' } },
  { name: '2 replicas, pools of 10', replicas: 2, env: POOLS_OF_10 },
  { name: '2 replicas, pools of 10 for the orchestrator', replicas: 2, serviceEnv: { 'checkout-orchestrator': POOLS_OF_10 } },
  { name: '2 replicas, pools of 10 for the sandbox', replicas: 2, serviceEnv: { 'psp-sandbox': POOLS_OF_10 } },
  { name: '2 replicas, pools of 10 for the catalog', replicas: 2, serviceEnv: { 'catalog-svc': POOLS_OF_10 } },
  { name: '2 replicas, pools of 10 for payments', replicas: 2, serviceEnv: { 'payments-svc': POOLS_OF_10 } },
  { name: '1 replica, pools of 5', replicas: 1, env: { DATABASE_POOL_SIZE: '5' } },
  { name: '1 replica, as npm start', replicas: 1, ...AS_NPM_START },
  { name: '2 replicas, as npm start', replicas: 2, ...AS_NPM_START },
];
/** MEASURE_VARIANTS (names, separated by ';') picks some; all by default. */
const VARIANTS = ALL_VARIANTS.filter((variant) => !process.env.MEASURE_VARIANTS || process.env.MEASURE_VARIANTS.split(';').includes(variant.name));

/** From the POST that created a checkout to its last transition, in milliseconds. */
const MILLIS_TO_END = '(extract(epoch FROM updated_at - created_at) * 1000)::int';

/** CPU seconds so far of every process of a service: [its primary's, its replicas' (or its own)]. */
function serviceCpu(cluster: TestCluster, name: ClusterService): [number, number] {
  const service = cluster.service(name);
  const own = cpuSeconds(service.pid as number);
  if (cluster.replicas === 1) return [0, own];
  return [own, service.livePids().reduce((sum, pid) => sum + cpuSeconds(pid), 0)];
}

/** A snapshot of what each variant compares: CPU by service, Postgres' work, the services' counters. */
async function snapshot(cluster: TestCluster, admin: Client) {
  const cpu = Object.fromEntries(ALL_SERVICES.map((name) => [name, serviceCpu(cluster, name)])) as Record<ClusterService, [number, number]>;
  const { rows: backends } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  const { rows: database } = await admin.query<{ commits: string; rollbacks: string }>(
    'SELECT xact_commit AS commits, xact_rollback AS rollbacks FROM pg_stat_database WHERE datname = current_database()',
  );
  const counters: Record<string, number> = {};
  for (const name of ALL_SERVICES) {
    for (const text of await cluster.metricsOfEveryReplica(name)) {
      for (const [, metric, value] of text.matchAll(/^(inbox_duplicates_total|saga_events_ignored_total|messages_consumed_total\{[^}]*outcome="retried"[^}]*\}|outbox_relayed_total)\S* (\d+)/gm)) {
        const key = metric.replace(/\{.*/, '_retried');
        counters[key] = (counters[key] ?? 0) + Number(value);
      }
    }
  }
  return {
    cpu,
    postgresPids: backends.map((row) => row.pid),
    commits: Number(database[0].commits),
    rollbacks: Number(database[0].rollbacks),
    counters,
  };
}

const perCheckoutMs = (seconds: number, checkouts: number) => +((seconds * 1000) / checkouts).toFixed(1);

async function measure(variant: Variant) {
  const cluster = await TestCluster.create({ replicas: variant.replicas });
  try {
    // The scenario specs' 3 s payment timeout would cancel paying customers under this load.
    const realistic = { PAYMENT_TIMEOUT_SECONDS: '60', RELEASE_TIMEOUT_SECONDS: '30' };
    const env = (name: ClusterService) => ({ ...variant.env, ...(name === 'checkout-orchestrator' ? realistic : {}), ...variant.serviceEnv?.[name] });
    await Promise.all(ALL_SERVICES.map((name) => cluster.start(name, env(name)).waitReady(180_000)));
    const api = new CheckoutApi(cluster);
    await api.setStock('TRAVEL-MUG', 1_000_000);
    await postCheckoutsFor(api, [{ sku: 'TRAVEL-MUG', qty: 1 }], PM.pays, { durationMs: 3000, inFlight: 4 }); // warm-up
    const admin = new Client({ connectionString: adminUrlFor(cluster.database) });
    await admin.connect();
    try {
      // At rest means the warm-up's checkouts have ended, stock committed, and a second more.
      while ((await unsettledCount(admin)) > 0) await new Promise((resolve) => setTimeout(resolve, 500));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const idleFrom = await snapshot(cluster, admin);
      await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
      const before = await snapshot(cluster, admin);
      const postgresBefore = new Map(before.postgresPids.map((pid) => [pid, cpuSeconds(pid)]));
      const started = Date.now();
      const load = await postCheckoutsFor(api, [{ sku: 'TRAVEL-MUG', qty: 1 }], PM.pays, { durationMs: SECONDS * 1000, inFlight: IN_FLIGHT });
      const posted = Date.now();
      // Watched in the database, once a second, not by polling every checkout's view through
      // the orchestrator: hundreds of pollers would take the connections the saga needs.
      while ((await terminalCount(admin, load.accepted)) < load.accepted.length) {
        if (Date.now() - posted > 300_000) throw new Error('checkouts still in flight 300 s after the last was posted');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      const settled = Date.now();
      const after = await snapshot(cluster, admin);
      const { rows } = await admin.query<{ p50: number; p95: number; completed: number }>(
        `SELECT count(*) FILTER (WHERE state = 'Completed')::int AS completed,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY ${MILLIS_TO_END}) AS p50,
                percentile_disc(0.95) WITHIN GROUP (ORDER BY ${MILLIS_TO_END}) AS p95
           FROM checkout.checkouts WHERE id = ANY($1::uuid[])`,
        [load.accepted],
      );
      const completed = rows[0].completed;
      const postgresCpu = after.postgresPids.reduce((sum, pid) => sum + cpuSeconds(pid) - (postgresBefore.get(pid) ?? 0), 0);
      const cpuMsPerCheckout = Object.fromEntries(
        ALL_SERVICES.map((name) => [name, perCheckoutMs(after.cpu[name][1] - before.cpu[name][1], completed)]),
      );
      const primariesMsPerCheckout = perCheckoutMs(ALL_SERVICES.reduce((sum, name) => sum + after.cpu[name][0] - before.cpu[name][0], 0), completed);
      const idleCpuMsPerSecond = Object.fromEntries(
        ALL_SERVICES.map((name) => [name, Math.round(((before.cpu[name][0] + before.cpu[name][1] - idleFrom.cpu[name][0] - idleFrom.cpu[name][1]) * 1000) / IDLE_SECONDS)]),
      );
      const servicesMs = +Object.values(cpuMsPerCheckout).reduce((sum, ms) => sum + ms, 0).toFixed(1);
      const idleMsPerSecond = Object.values(idleCpuMsPerSecond).reduce((sum, ms) => sum + ms, 0);
      const postgresMsPerCheckout = perCheckoutMs(postgresCpu, completed);
      const windowSeconds = (settled - started) / 1000;
      const counters = Object.fromEntries(Object.entries(after.counters).map(([key, value]) => [key, value - (before.counters[key] ?? 0)]));
      return {
        variant: variant.name,
        loadAverage: +loadavg()[0].toFixed(1),
        accepted: load.accepted.length,
        completed,
        failed: load.failures.length,
        acceptedPerSecond: +(load.accepted.length / ((posted - started) / 1000)).toFixed(1),
        completedPerSecond: +(completed / ((settled - started) / 1000)).toFixed(1),
        p50Ms: rows[0].p50,
        p95Ms: rows[0].p95,
        cpuMsPerCheckout,
        servicesCpuMsPerCheckout: servicesMs,
        // The same less what the processes spend at rest over as long: the work checkouts add.
        servicesBeyondIdleMsPerCheckout: +(servicesMs - (idleMsPerSecond * windowSeconds) / completed).toFixed(1),
        // How much of the machine the cluster got while it worked: the services and their Postgres backends.
        coresUsed: +((servicesMs + primariesMsPerCheckout + postgresMsPerCheckout) * completed / 1000 / windowSeconds).toFixed(2),
        primariesMsPerCheckout,
        postgresCpuMsPerCheckout: postgresMsPerCheckout,
        idleCpuMsPerSecond,
        idleCommitsPerSecond: Math.round((before.commits - idleFrom.commits) / IDLE_SECONDS),
        commitsPerCheckout: +((after.commits - before.commits) / completed).toFixed(1),
        rollbacksPerCheckout: +((after.rollbacks - before.rollbacks) / completed).toFixed(2),
        countersPerCheckout: Object.fromEntries(Object.entries(counters).map(([key, value]) => [key, +(value / completed).toFixed(2)])),
      };
    } finally {
      await admin.end();
    }
  } finally {
    await cluster.stop();
  }
}

/** Checkouts not yet ended, or Completed with their stock not yet committed. */
async function unsettledCount(admin: Client): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM checkout.checkouts WHERE state NOT IN ('Completed', 'Cancelled', 'Failed'))
          + (SELECT count(*) FROM catalog.reservations WHERE status = 'held') AS n`,
  );
  return Number(rows[0].n);
}

/** How many of `ids` reached an end state (the warm-up's stragglers are not among them). */
async function terminalCount(admin: Client, ids: string[]): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM checkout.checkouts WHERE id = ANY($1::uuid[]) AND state IN ('Completed', 'Cancelled', 'Failed')`,
    [ids],
  );
  return rows[0].n;
}

it('measures checkout throughput with 1 and 2 replicas of every service', async () => {
  const results: Awaited<ReturnType<typeof measure>>[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of VARIANTS) {
      const result = await measure(variant);
      process.stdout.write(`${JSON.stringify(result)}\n`);
      results.push(result);
    }
  }
  const mean = (name: string) => {
    const rates = results.filter((result) => result.variant === name).map((result) => result.completedPerSecond);
    return rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
  };
  const ratios = Object.fromEntries(VARIANTS.slice(1).map((variant) => [variant.name, +(mean(variant.name) / mean(VARIANTS[0].name)).toFixed(2)]));
  process.stdout.write(`${JSON.stringify({ results, completedRatioTo: VARIANTS[0].name, ratios }, null, 2)}\n`);
}, 3_600_000);
