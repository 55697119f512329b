import { SANDBOX_PAYMENT_METHODS as PM } from '@checkout/contracts';
import { loadavg } from 'node:os';
import { CheckoutApi } from './support/checkout-api';
import { postCheckoutsFor, settledWithStock } from './support/checkout-load';
import { TestCluster } from './support/test-cluster';

/**
 * The figures of docs/scaling.md: checkouts per second, end to end, with 1 and with 2
 * replicas of every service. Not a test (it asserts nothing, and the suite's testMatch leaves
 * it out); run it, on the built services, with
 *   npx jest -c apps/cluster-e2e/jest.config.ts --testMatch='<rootDir>/src/*.measure.ts'
 * MEASURE_SECONDS (20) and MEASURE_IN_FLIGHT (16) change the run. It prints each run's
 * figures, the machine's load average while it ran (other processes' work skews everything
 * on a shared machine), and the 2-replica run's completed rate as a ratio of the 1-replica one.
 */
const SECONDS = Number(process.env.MEASURE_SECONDS ?? 20);
const IN_FLIGHT = Number(process.env.MEASURE_IN_FLIGHT ?? 16);

async function measure(replicas: number) {
  const cluster = await TestCluster.create({ replicas });
  try {
    await Promise.all(cluster.startAll().map((service) => service.waitReady(180_000)));
    const api = new CheckoutApi(cluster);
    await api.setStock('TRAVEL-MUG', 1_000_000);
    await postCheckoutsFor(api, [{ sku: 'TRAVEL-MUG', qty: 1 }], PM.pays, { durationMs: 3000, inFlight: 4 }); // warm-up
    const started = Date.now();
    const latencies: number[] = [];
    const load = await postCheckoutsFor(api, [{ sku: 'TRAVEL-MUG', qty: 1 }], PM.pays, { durationMs: SECONDS * 1000, inFlight: IN_FLIGHT });
    const posted = Date.now();
    await Promise.all(
      load.accepted.map(async (id) => {
        const view = await api.settle(id, settledWithStock, 300_000);
        const first = view.history[0] as unknown as { at: string };
        const last = view.history[view.history.length - 1] as unknown as { at: string };
        latencies.push(Date.parse(last.at) - Date.parse(first.at));
      }),
    );
    const settled = Date.now();
    latencies.sort((a, b) => a - b);
    return {
      replicas,
      loadAverage: +loadavg()[0].toFixed(1),
      accepted: load.accepted.length,
      failed: load.failures.length,
      acceptedPerSecond: +(load.accepted.length / ((posted - started) / 1000)).toFixed(1),
      completedPerSecond: +(load.accepted.length / ((settled - started) / 1000)).toFixed(1),
      p50Ms: latencies[Math.floor(latencies.length * 0.5)],
      p95Ms: latencies[Math.floor(latencies.length * 0.95)],
    };
  } finally {
    await cluster.stop();
  }
}

it('measures checkout throughput with 1 and 2 replicas of every service', async () => {
  const results = [];
  for (const replicas of [1, 2]) results.push(await measure(replicas));
  const ratio = +(results[1].completedPerSecond / results[0].completedPerSecond).toFixed(2);
  process.stdout.write(`${JSON.stringify({ results, completedRatio2to1: ratio }, null, 2)}\n`);
}, 900_000);
