import { SANDBOX_PAYMENT_METHODS } from '@checkout/contracts';
import { readAck, writeRoutes } from '@checkout/platform';
import { Client } from 'pg';
import { CheckoutApi } from '../src/support/checkout-api';
import { inFlight } from '../src/support/checkout-load';
import { SupervisedCluster } from '../src/support/supervised-cluster';
import { ALL_SERVICES } from '../src/support/test-cluster';
import { adminUrlFor } from '../src/support/test-infrastructure';
import { cpuSeconds } from './process-usage';

const CHECKOUTS = Number(process.env.BENCH_CHECKOUTS ?? 300);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const HOT_SKU = 'DEMO-WIDGET';
const WARM_UP = 100;

/**
 * What the fault proxy costs a checkout under `npm start`'s arrangement (pm2, the proxy, the
 * chaos agent with its live load off), measured in two ways in the same run, alternating:
 * every service's Postgres and RabbitMQ connections through its proxy listeners, as they all
 * went before decision 0046, and at rest, direct, as they go now. CPU from /proc, per completed
 * checkout: the proxy's, and every process of the cluster's (Postgres and RabbitMQ excluded).
 *
 *   npm run bench:fault-proxy      (BENCH_CHECKOUTS, BENCH_IN_FLIGHT, BENCH_ROUNDS change the run)
 */
async function main(): Promise<void> {
  const cluster = await SupervisedCluster.create({ liveLoadPerSecond: 0 });
  try {
    await admin(cluster, (db) => db.query('UPDATE catalog.products SET on_hand = 100000000 WHERE sku = $1', [HOT_SKU]));
    const proxyPid = Number((await cluster.pm2('pid', 'fault-proxy')).trim());
    const clusterPids = async () =>
      (await Promise.all([...ALL_SERVICES, 'fault-proxy', 'chaos-agent'].map(async (name) => (await cluster.pm2('pid', name)).trim().split(/\s+/).map(Number)))).flat();
    // Unmeasured, so the first measured round does not pay the JIT's warm-up.
    await checkouts(cluster, WARM_UP);
    const results: Record<'through the proxy' | 'direct', { proxy: number; cluster: number }[]> = { 'through the proxy': [], direct: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const way of ['through the proxy', 'direct'] as const) {
        await routeEverything(cluster, way === 'through the proxy', round * 2 + (way === 'direct' ? 2 : 1));
        const pids = await clusterPids();
        const before = { proxy: cpuSeconds(proxyPid), cluster: pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0) };
        const completed = await checkouts(cluster);
        const after = { proxy: cpuSeconds(proxyPid), cluster: pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0) };
        const perCheckout = { proxy: ((after.proxy - before.proxy) * 1000) / completed, cluster: ((after.cluster - before.cluster) * 1000) / completed };
        results[way].push(perCheckout);
        console.log(`round ${round + 1}, ${way}: ${completed} completed, fault proxy ${perCheckout.proxy.toFixed(2)} ms a checkout, cluster ${perCheckout.cluster.toFixed(1)} ms`);
      }
    }
    for (const [way, runs] of Object.entries(results)) {
      const mean = (pick: (run: { proxy: number; cluster: number }) => number) => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
      console.log(`fault proxy cpu per checkout, ${way}: ${mean((run) => run.proxy).toFixed(2)} ms (cluster processes ${mean((run) => run.cluster).toFixed(1)} ms)`);
    }
  } finally {
    await cluster.stop();
  }
}

/** Every service onto its proxy listeners, or every one back, as the agent would; waits until each process says it moved. */
async function routeEverything(cluster: SupervisedCluster, proxied: boolean, version: number): Promise<void> {
  const dependencies: Record<string, ('postgres' | 'rabbitmq')[]> = {
    'checkout-orchestrator': ['postgres', 'rabbitmq'],
    'catalog-svc': ['postgres', 'rabbitmq'],
    'payments-svc': ['postgres', 'rabbitmq'],
    'psp-sandbox': ['postgres'],
    'bff-web': ['rabbitmq'],
  };
  writeRoutes(cluster.routesDir, { version, proxied: proxied ? dependencies : {} });
  const deadline = Date.now() + 60_000;
  for (const service of Object.keys(dependencies)) {
    for (;;) {
      const ack = readAck(cluster.routesDir, service, '0');
      if (ack && ack.version >= version && ack.proxied.length === (proxied ? dependencies[service].length : 0)) break;
      if (Date.now() > deadline) throw new Error(`${service} did not move ${proxied ? 'onto the proxy' : 'back'}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** `count` paying checkouts of the hot product, IN_FLIGHT at a time; resolves with how many completed. */
async function checkouts(cluster: SupervisedCluster, count = CHECKOUTS): Promise<number> {
  const api = new CheckoutApi(cluster.base);
  const ids = await inFlight(
    Array.from({ length: count }, (_, i) => i),
    IN_FLIGHT,
    async () => (await api.start([{ sku: HOT_SKU, qty: 1 }], SANDBOX_PAYMENT_METHODS.pays)).body.checkoutId,
  );
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { rows } = await admin(cluster, (db) =>
      db.query<{ completed: number; open: number }>(
        `SELECT count(*) FILTER (WHERE state = 'Completed')::int AS completed, count(*) FILTER (WHERE state NOT IN ('Completed', 'Cancelled'))::int AS open
           FROM checkout.checkouts WHERE id = ANY($1::uuid[])`,
        [ids],
      ),
    );
    if (rows[0].open === 0 || Date.now() > deadline) return rows[0].completed;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function admin<T>(cluster: SupervisedCluster, work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: adminUrlFor(cluster.base.database) });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
