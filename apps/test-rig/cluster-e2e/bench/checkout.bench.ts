/**
 * npm run bench:checkout — completed checkouts per second, against the machine's bound, in one run.
 *
 *   (1) the bound: each stage's transaction and confirmed publish replayed with no service, in
 *       batches of the size the services reached in (2) (read from their message_batches_total;
 *       a build without batches counts as batches of one)
 *   (2) saturation, closed loop: everyone buys the Demo Widget; then spread over 100 products
 *   (3) POST → Completed latency at an open-loop rate of half the saturation
 *   (4) at twice and at ten times the saturation: the share shed (503/429), the p99 of accepted
 *       checkouts, and the goodput (completed/s) as a share of the saturation
 *   (5) CPU per checkout of each service, Postgres and RabbitMQ, also beyond each one's idle
 *       rate (measured first); and of every process on the machine during (2), by process
 *       (`cpu per checkout (all processes)`), also as a multiple of the load generator's own
 *       (the same code in every run: a measure of the cluster that the minute's speed moves less);
 *       RSS idle and at peak
 *
 * CLUSTER_BUILD_ROOT=<another checkout> runs that checkout's built services (its `dist/`) with
 * this harness: how a change is compared with its base in the same minutes.
 *
 * The cluster is started as `npm start` runs it (built bundles, same settings; the sandbox's
 * customer pays at once) on free ports, with its own database and vhost, removed at the end.
 * Settings: BENCH_SECONDS (each measured phase, default 20), BENCH_IN_FLIGHT (closed loop, 200).
 * BENCH_SATURATION=<checkouts/s> runs only (3) and (4), at half and twice that figure: to
 * compare two builds' latency at the same rates in the same minutes on a shared machine.
 */
import 'reflect-metadata';
import { type LoadOptions, type LoadReport, startLoad } from '@checkout/load-generator';
import { performance } from 'node:perf_hooks';
import type { TestCluster } from '../src/support/test-cluster';
import { adminUrlFor } from '../src/support/test-infrastructure';
import { backendPids, HOT_SKU, SPREAD_SKUS, startBenchCluster } from './bench-cluster';
import { measureBound } from './bound';
import { CpuMeter, MachineCpuMeter, pidsNamed, rssMb } from './process-usage';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 200);
const GIVEN_SATURATION = process.env.BENCH_SATURATION ? Number(process.env.BENCH_SATURATION) : undefined;
const WARM_UP_SECONDS = 3;
const RAMP_SECONDS = Number(process.env.BENCH_RAMP_SECONDS ?? WARM_UP_SECONDS);
/** The window in which each process's CPU with no checkout in flight is measured. */
const IDLE_SECONDS = 3;
/**
 * Concurrent checkouts in the bound's replay, one connection each: as many as the four
 * services that own a schema hold between them (4 × DATABASE_POOL_SIZE, 10), so the bound
 * may do at once what the cluster may. (With one pool's ten it measured about 40 % lower:
 * each replayed checkout waits on its twelve commits and confirms in turn.)
 */
const BOUND_CONNECTIONS = 40;

const fmt = (n: number | null, digits = 0) => (n === null ? '—' : n.toFixed(digits));

async function main(): Promise<void> {
  console.log(`bench:checkout — ${SECONDS} s per phase, ${IN_FLIGHT} in flight for saturation; shared machine: read the ratios`);
  const cluster = await startBenchCluster();
  // Ctrl-C still removes the processes, the database and the vhost.
  process.once('SIGINT', () => void cluster.stop().finally(() => process.exit(130)));
  const services = [...cluster.services.values()];
  const peakRss = new Map(services.map((s) => [s.name, 0]));
  const sampler = setInterval(() => services.forEach((s) => peakRss.set(s.name, Math.max(peakRss.get(s.name) ?? 0, rssMb(s.pid ?? 0)))), 250);
  try {
    await sleep(2_000);
    if (GIVEN_SATURATION !== undefined) return await latencyOnly(cluster, GIVEN_SATURATION);
    const idleRss = new Map(services.map((s) => [s.name, rssMb(s.pid ?? 0)]));

    const meters = new Map<string, CpuMeter>([
      ...services.map((s) => [s.name, new CpuMeter(() => [s.pid ?? 0])] as const),
      ['postgres (this database)', new CpuMeter(() => cachedBackends)],
      ['rabbitmq (whole broker)', new CpuMeter(() => pidsNamed('beam.smp'))],
      ['load generator', new CpuMeter(() => [process.pid])],
    ]);
    let cachedBackends = await backendPids(cluster);

    // What each process spends with no checkout at all (polling loops, probes, the broker's
    // other users): per checkout it weighs more the slower the machine runs, so it is shown
    // apart, and the cost of a checkout beyond it is the figure to compare between runs.
    await sleep(1_000);
    meters.forEach((meter) => meter.start());
    await sleep(IDLE_SECONDS * 1000);
    const idlePerSecond = new Map([...meters].map(([name, meter]) => [name, meter.stop() / IDLE_SECONDS]));

    console.log(`(2) saturation, everyone buys ${HOT_SKU} …`);
    cachedBackends = await backendPids(cluster);
    const machine = new MachineCpuMeter(() => new Map([...services.map((s) => [s.pid ?? 0, s.name] as const), [process.pid, 'load generator (this bench)']]));
    const batchesBefore = await batchCounts(cluster);
    meters.forEach((meter) => meter.start());
    machine.start();
    const phaseStarted = performance.now();
    const hot = await saturation(cluster, [{ sku: HOT_SKU, paymentMethod: 'pm_card_visa' }]);
    const phaseSeconds = (performance.now() - phaseStarted) / 1000;
    const machineCpu = machine.stop();
    const batchSize = averageBatch(batchesBefore, await batchCounts(cluster));
    // Over the whole phase, warm-up and drain included: per checkout completed in it (none: no figure).
    const cpu = new Map(
      [...meters].map(([name, meter]) => {
        const used = meter.stop();
        const idle = (idlePerSecond.get(name) ?? 0) * phaseSeconds;
        return [name, hot.completed > 0 ? { total: used / hot.completed, beyondIdle: (used - idle) / hot.completed } : null];
      }),
    );
    console.log(`    hot product: ${fmt(hot.perSecond, 1)} completed checkouts/s; the services' batches held ${fmt(batchSize, 1)} messages on average`);
    const machineTotal = machineCpu.reduce((sum, [, seconds]) => sum + seconds, 0);
    // The machine's speed moves by half or more from one minute to the next, and this bench's
    // own work per checkout (post, follow, retry after Retry-After) is the same code in every
    // run: the cluster's CPU as a multiple of it moves far less than milliseconds do.
    const generatorSeconds = machineCpu.find(([name]) => name === 'load generator (this bench)')?.[1] ?? 0;
    const perCheckoutMs = (seconds: number) => (hot.completed > 0 ? fmt((seconds / hot.completed) * 1000, 1) : '—');

    console.log(`(1) the bound: the same database and broker work without the services, in batches of ${Math.max(1, Math.round(batchSize))} …`);
    const bound = await measureBound(adminUrlFor(cluster.database), cluster.amqpUrl, BOUND_CONNECTIONS, Math.min(SECONDS, 10), Math.max(1, Math.round(batchSize)));
    console.log(`    ${bound.transactionsPerCheckout} transactions and ${bound.messagesPerCheckout} confirmed publishes per checkout: ${fmt(bound.checkoutsPerSecond)} checkouts/s`);

    console.log('    … spread over 100 products');
    const spread = await saturation(cluster, SPREAD_SKUS.map((sku) => ({ sku, paymentMethod: 'pm_card_visa' })));
    console.log(`    100 products: ${fmt(spread.perSecond, 1)} completed checkouts/s`);

    const half = Math.max(1, Math.round(hot.perSecond / 2));
    console.log(`(3) open loop at half the saturation, ${half}/s …`);
    const calm = await openLoop(cluster, half);
    const twice = Math.max(2, Math.round(hot.perSecond * 2));
    console.log(`(4) open loop at twice the saturation, ${twice}/s …`);
    const overload = await openLoop(cluster, twice);
    const tenTimes = Math.max(10, Math.round(hot.perSecond * 10));
    console.log(`(4) open loop at ten times the saturation, ${tenTimes}/s …`);
    const overload10 = await openLoop(cluster, tenTimes);

    const shedShare = overload.shed / Math.max(1, overload.started);
    const goodput = (report: LoadReport) => `${fmt(report.completed / SECONDS, 1)}/s, ${fmt((report.completed / SECONDS / Math.max(0.001, hot.perSecond)) * 100)} % of saturation`;
    const lines = [
      '',
      '| measure | result |',
      '| --- | --- |',
      `| (1) bound: the same DB + broker work without the services | ${fmt(bound.checkoutsPerSecond)} checkouts/s |`,
      `| (2) saturation, hot product (${IN_FLIGHT} in flight) | ${fmt(hot.perSecond, 1)} completed/s |`,
      `| (2) saturation, spread over 100 products | ${fmt(spread.perSecond, 1)} completed/s |`,
      `| (3) POST→Completed at ${half}/s, p50 / p95 / p99 | ${ms(calm.latencyMs.postToCompleted.p50)} / ${ms(calm.latencyMs.postToCompleted.p95)} / ${ms(calm.latencyMs.postToCompleted.p99)} |`,
      `| (4) at ${twice}/s: shed with 503/429 | ${fmt(shedShare * 100, 1)} % of ${overload.started} |`,
      `| (4) at ${twice}/s: POST→Completed p99 of accepted | ${ms(overload.latencyMs.postToCompleted.p99)} (${overload.completed} completed, ${overload.inFlight} unfinished, ${overload.failedRequests} failed requests) |`,
      `| (4) at ${twice}/s: goodput | ${goodput(overload)} |`,
      `| (4) at ${tenTimes}/s: shed with 503/429 | ${fmt((overload10.shed / Math.max(1, overload10.started)) * 100, 1)} % of ${overload10.started} |`,
      `| (4) at ${tenTimes}/s: POST→Completed p99 of accepted | ${ms(overload10.latencyMs.postToCompleted.p99)} (${overload10.completed} completed, ${overload10.inFlight} unfinished, ${overload10.failedRequests} failed requests) |`,
      `| (4) at ${tenTimes}/s: goodput | ${goodput(overload10)} |`,
      `| (1) batch size the services reached in (2), replayed by the bound | ${fmt(batchSize, 1)} messages |`,
      ...[...cpu].map(([name, perCheckout]) => `| (5) CPU per checkout, ${name}: all / beyond idle (idle) | ${cpuCell(perCheckout, idlePerSecond.get(name) ?? 0)} |`),
      ...services.map((s) => `| (5) RSS ${s.name}, idle / peak | ${fmt(idleRss.get(s.name) ?? 0)} / ${fmt(peakRss.get(s.name) ?? 0)} MB |`),
      '',
      `cpu per checkout (all processes): ${perCheckoutMs(machineTotal)} ms`,
      ...machineCpu.filter(([, seconds]) => seconds > 0.005).map(([name, seconds]) => `    ${name}: ${perCheckoutMs(seconds)} ms`),
      `cpu per checkout ÷ the load generator's: ${generatorSeconds > 0 ? fmt(machineTotal / generatorSeconds, 1) : '—'}`,
      `completed checkouts/s: ${fmt(hot.perSecond, 1)}`,
      `ratio to bound: ${fmt(hot.perSecond / bound.checkoutsPerSecond, 2)}`,
    ];
    console.log(lines.join('\n'));
  } finally {
    clearInterval(sampler);
    await cluster.stop();
  }
}

/** (3) and (4) alone, at rates derived from a given saturation figure. */
async function latencyOnly(cluster: TestCluster, saturation: number): Promise<void> {
  const half = Math.max(1, Math.round(saturation / 2));
  console.log(`(3) open loop at half of ${saturation}/s, ${half}/s …`);
  const calm = await openLoop(cluster, half);
  const twice = Math.max(2, Math.round(saturation * 2));
  console.log(`(4) open loop at twice it, ${twice}/s …`);
  const limits: number[] = [];
  const watch = setInterval(() => void admissionLimit(cluster).then((limit) => limit !== undefined && limits.push(limit)), 500);
  const overload = await openLoop(cluster, twice).finally(() => clearInterval(watch));
  if (limits.length > 0) console.log(`    the orchestrator's admission limit during (4): ${limits.join(' ')}`);
  const p = (report: LoadReport) => report.latencyMs.postToCompleted;
  console.log(`(3) at ${half}/s: POST→Completed p50 / p95 / p99 ${ms(p(calm).p50)} / ${ms(p(calm).p95)} / ${ms(p(calm).p99)}; shed ${calm.shed} of ${calm.started}`);
  console.log(
    `(4) at ${twice}/s: shed ${fmt((overload.shed / Math.max(1, overload.started)) * 100, 1)} % of ${overload.started}; accepted p50 / p99 ${ms(p(overload).p50)} / ${ms(p(overload).p99)}` +
      ` (${overload.completed} completed, ${overload.inFlight} unfinished, ${overload.failedRequests} failed requests)`,
  );
}

/** Messages handled and batches taken, summed over the services that consume a work queue (zeros for a build without batches). */
async function batchCounts(cluster: TestCluster): Promise<{ messages: number; batches: number }> {
  let messages = 0;
  let batches = 0;
  for (const name of ['checkout-orchestrator', 'catalog-svc', 'payments-svc'] as const) {
    const text = await fetch(`${cluster.urlOf(name)}/metrics`).then((r) => r.text(), () => '');
    for (const line of text.split('\n')) {
      if (line.startsWith('messages_consumed_total{') && line.includes('outcome="handled"')) messages += Number(line.split(' ').pop());
      if (line.startsWith('message_batches_total{')) batches += Number(line.split(' ').pop());
    }
  }
  return { messages, batches };
}

/** Messages per batch between two readings; 1 when the build does not batch (it counts no batches). */
function averageBatch(before: { messages: number; batches: number }, after: { messages: number; batches: number }): number {
  const batches = after.batches - before.batches;
  return batches > 0 ? (after.messages - before.messages) / batches : 1;
}

/** The orchestrator's adaptive admission limit (its gauge), if it has one. */
async function admissionLimit(cluster: TestCluster): Promise<number | undefined> {
  const metrics = await fetch(`${cluster.urlOf('checkout-orchestrator')}/metrics`).then((r) => r.text(), () => '');
  const line = metrics.split('\n').find((l) => l.startsWith('admission_first_steps_limit'));
  return line ? Number(line.split(' ').pop()) : undefined;
}

const ms = (value: number | null) => (value === null ? '—' : `${Math.round(value)} ms`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function cpuCell(perCheckout: { total: number; beyondIdle: number } | null, idlePerSecond: number): string {
  if (perCheckout === null) return '—';
  return `${fmt(perCheckout.total * 1000, 1)} / ${fmt(perCheckout.beyondIdle * 1000, 1)} ms (${fmt(idlePerSecond * 1000)} ms/s)`;
}

function loadOptions(cluster: TestCluster, overrides: Partial<LoadOptions> & Pick<LoadOptions, 'arrivals'>): LoadOptions {
  return {
    orchestratorUrl: cluster.urlOf('checkout-orchestrator'),
    amqpUrl: cluster.amqpUrl,
    maxCheckouts: 1_000_000,
    maxDurationMs: SECONDS * 1000,
    drainMs: 15_000,
    ...overrides,
  };
}

/** Closed loop for SECONDS; completed/s over the window after the warm-up. */
async function saturation(cluster: TestCluster, orders: LoadOptions['orders']) {
  let atWarm: LoadReport | undefined;
  let atEnd: LoadReport | undefined;
  const run = startLoad(loadOptions(cluster, { arrivals: { kind: 'closed', inFlight: IN_FLIGHT, rampMs: RAMP_SECONDS * 1000 }, orders, drainMs: 15_000 }), {
    onProgress: (snapshot) => {
      const second = Math.round(snapshot.elapsedMs / 1000);
      if (!atWarm && second >= WARM_UP_SECONDS) atWarm = snapshot;
      if (second <= SECONDS) atEnd = snapshot;
      process.stdout.write(`\r    ${second}s: ${snapshot.completed} completed, ${snapshot.cancelled} cancelled, ${snapshot.shed} shed, ${snapshot.inFlight} in flight   `);
    },
  });
  const report = await run.done;
  process.stdout.write('\n');
  if (report.lastFailure) console.log(`    last failed request: ${report.lastFailure}`);
  const from = atWarm ?? emptyAtStart();
  const to = atEnd ?? from;
  const completedInWindow = to.completed - from.completed;
  return { perSecond: completedInWindow / Math.max(0.001, (to.elapsedMs - from.elapsedMs) / 1000), completed: report.completed };
}

async function openLoop(cluster: TestCluster, perSecond: number): Promise<LoadReport> {
  const started = performance.now();
  const report = await startLoad(loadOptions(cluster, { arrivals: { kind: 'open', perSecond }, orders: [{ sku: HOT_SKU, paymentMethod: 'pm_card_visa' }] }), {
    onProgress: (s) => process.stdout.write(`\r    ${Math.round((performance.now() - started) / 1000)}s: ${s.started} sent, ${s.completed} completed, ${s.shed} shed, ${s.inFlight} in flight   `),
  }).done;
  process.stdout.write('\n');
  return report;
}

function emptyAtStart(): LoadReport {
  const none = { count: 0, p50: null, p95: null, p99: null, max: null };
  return { started: 0, accepted: 0, shed: 0, failedRequests: 0, retriedRequests: 0, lastFailure: null, notSent: 0, completed: 0, cancelled: 0, failed: 0, inFlight: 0, elapsedMs: 0, latencyMs: { postResponse: none, postToCompleted: none, postToEnd: none } };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
