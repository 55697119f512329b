import { SANDBOX_PAYMENT_METHODS as PM } from '@checkout/contracts';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { CheckoutApi } from './support/checkout-api';
import { postCheckoutsFor } from './support/checkout-load';
import { TestCluster } from './support/test-cluster';
import { adminUrlFor } from './support/test-infrastructure';

/**
 * The figures of docs/scaling.md: checkouts per second, end to end, with 1 and with 2
 * replicas of every service. Not a test (it asserts nothing, and the suite's testMatch leaves
 * it out); run it, on the built services, with
 *   npx jest -c apps/cluster-e2e/jest.config.ts --testMatch='<rootDir>/src/*.measure.ts'
 * MEASURE_SECONDS (20), MEASURE_IN_FLIGHT (16) and MEASURE_ROUNDS (1) change the run. It prints each run's
 * figures, the machine's load average while it ran (other processes' work skews everything
 * on a shared machine), and the 2-replica runs' mean completed rate as a ratio of the 1-replica runs'.
 */
const SECONDS = Number(process.env.MEASURE_SECONDS ?? 20);
const IN_FLIGHT = Number(process.env.MEASURE_IN_FLIGHT ?? 16);
const ROUNDS = Number(process.env.MEASURE_ROUNDS ?? 1);

/** From the POST that created a checkout to its last transition, in milliseconds. */
const MILLIS_TO_END = '(extract(epoch FROM updated_at - created_at) * 1000)::int';

async function measure(replicas: number) {
  const cluster = await TestCluster.create({ replicas });
  try {
    // The scenario specs' 3 s payment timeout would cancel paying customers under this load.
    const realistic = { 'checkout-orchestrator': { PAYMENT_TIMEOUT_SECONDS: '60', RELEASE_TIMEOUT_SECONDS: '30' } };
    await Promise.all(cluster.startAll(realistic).map((service) => service.waitReady(180_000)));
    const api = new CheckoutApi(cluster);
    await api.setStock('TRAVEL-MUG', 1_000_000);
    await postCheckoutsFor(api, [{ sku: 'TRAVEL-MUG', qty: 1 }], PM.pays, { durationMs: 3000, inFlight: 4 }); // warm-up
    const admin = new Client({ connectionString: adminUrlFor(cluster.database) });
    await admin.connect();
    try {
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
      const { rows } = await admin.query<{ p50: number; p95: number; completed: number }>(
        `SELECT count(*) FILTER (WHERE state = 'Completed')::int AS completed,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY ${MILLIS_TO_END}) AS p50,
                percentile_disc(0.95) WITHIN GROUP (ORDER BY ${MILLIS_TO_END}) AS p95
           FROM checkout.checkouts WHERE id = ANY($1::uuid[])`,
        [load.accepted],
      );
      return {
        replicas,
        loadAverage: +loadavg()[0].toFixed(1),
        accepted: load.accepted.length,
        completed: rows[0].completed,
        failed: load.failures.length,
        acceptedPerSecond: +(load.accepted.length / ((posted - started) / 1000)).toFixed(1),
        completedPerSecond: +(rows[0].completed / ((settled - started) / 1000)).toFixed(1),
        p50Ms: rows[0].p50,
        p95Ms: rows[0].p95,
      };
    } finally {
      await admin.end();
    }
  } finally {
    await cluster.stop();
  }
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
  // Alternating rounds (MEASURE_ROUNDS, 1) spread the drift of a shared machine's load over both.
  for (let round = 0; round < ROUNDS; round++) for (const replicas of [1, 2]) results.push(await measure(replicas));
  const mean = (replicas: number) => {
    const rates = results.filter((result) => result.replicas === replicas).map((result) => result.completedPerSecond);
    return rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
  };
  const ratio = +(mean(2) / mean(1)).toFixed(2);
  process.stdout.write(`${JSON.stringify({ results, completedRatio2to1: ratio }, null, 2)}\n`);
}, 1_800_000);
