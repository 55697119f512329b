/**
 * Where the milliseconds of one unhurried checkout go. Run as `npm run bench:checkout` runs
 * its script (TS_NODE_PROJECT=apps/test-rig/cluster-e2e/bench/tsconfig.json, ts-node and
 * tsconfig-paths), on built bundles, with apps/test-rig/cluster-e2e/bench/latency-floor.ts.
 *
 * Starts the benchmark's cluster, sends checkouts of the Demo Widget at a low open-loop rate
 * (BENCH_RATE, default 2/s, for BENCH_SECONDS, default 10), then reads back from every schema
 * the moments each checkout passed through (outbox rows written, and claimed by the relay; a
 * handler's transaction begun, from its inbox row; saga transitions; the provider's session,
 * customer action and webhook) and prints the median, p95 and max of each milestone from the
 * one before it. Postgres takes every timestamp (one clock), so the deltas compare across
 * services. `now()` is a transaction's start, so "relayed" is when the relay claimed the row.
 */
import 'reflect-metadata';
import { startLoad } from '@checkout/load-generator';
import { HOT_SKU, startBenchCluster, withAdmin } from './bench-cluster';

const RATE = Number(process.env.BENCH_RATE ?? 2);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

/** Every moment of a checkout the database recorded, named `<service>: <what>`, in ms since epoch. */
const TIMELINE_SQL = `
WITH c AS (SELECT id FROM checkout.checkouts),
p AS (SELECT checkout_id, provider_session_id AS sid FROM payments.payments),
moments AS (
  SELECT o.correlation_id AS cid, 'orchestrator: wrote ' || o.type AS step, o.created_at AS at FROM checkout.outbox o
  UNION ALL SELECT o.correlation_id, 'orchestrator: relayed ' || o.type, o.sent_at FROM checkout.outbox o
  UNION ALL SELECT o.correlation_id, 'catalog: wrote ' || o.type, o.created_at FROM catalog.outbox o
  UNION ALL SELECT o.correlation_id, 'catalog: relayed ' || o.type, o.sent_at FROM catalog.outbox o
  UNION ALL SELECT o.correlation_id, 'payments: wrote ' || o.type, o.created_at FROM payments.outbox o
  UNION ALL SELECT o.correlation_id, 'payments: relayed ' || o.type, o.sent_at FROM payments.outbox o
  UNION ALL SELECT i.correlation_id, 'orchestrator: began handling ' || i.type, i.received_at FROM checkout.inbox i
  UNION ALL SELECT i.correlation_id, 'catalog: began handling ' || i.type, i.received_at FROM catalog.inbox i
  UNION ALL SELECT i.correlation_id, 'payments: began handling ' || i.type, i.received_at FROM payments.inbox i
  UNION ALL SELECT t.checkout_id, 'orchestrator: transition to ' || t.to_state, t.at FROM checkout.checkout_transitions t
  UNION ALL SELECT p.checkout_id, 'sandbox: session created', s.created_at FROM p JOIN psp.checkout_sessions s ON s.id = p.sid
  UNION ALL SELECT p.checkout_id, 'sandbox: customer due', a.due_at FROM p JOIN psp.customer_actions a ON a.session_id = p.sid
  UNION ALL SELECT p.checkout_id, 'sandbox: customer acted', a.done_at FROM p JOIN psp.customer_actions a ON a.session_id = p.sid
  UNION ALL SELECT p.checkout_id, 'sandbox: webhook delivered', d.delivered_at
    FROM p JOIN psp.events e ON e.data_object->>'id' = p.sid JOIN psp.webhook_deliveries d ON d.event_id = e.id
  UNION ALL SELECT p.checkout_id, 'payments: webhook received', pe.received_at
    FROM p JOIN psp.events e ON e.data_object->>'id' = p.sid JOIN payments.provider_events pe ON pe.event_id = e.id
)
SELECT cid, step, (EXTRACT(EPOCH FROM at) * 1000)::float8 AS at FROM moments JOIN c ON c.id = moments.cid
WHERE at IS NOT NULL ORDER BY cid, at`;

async function main(): Promise<void> {
  const cluster = await startBenchCluster();
  process.once('SIGINT', () => void cluster.stop().finally(() => process.exit(130)));
  try {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const report = await startLoad({
      orchestratorUrl: cluster.urlOf('checkout-orchestrator'),
      amqpUrl: cluster.amqpUrl,
      maxCheckouts: 1_000_000,
      maxDurationMs: SECONDS * 1000,
      drainMs: 10_000,
      arrivals: { kind: 'open', perSecond: RATE },
      orders: [{ sku: HOT_SKU, paymentMethod: 'pm_card_visa' }],
    }).done;
    const { p50, p95, p99 } = report.latencyMs.postToCompleted;
    console.log(`${report.completed} completed at ${RATE}/s; POST→Completed p50 / p95 / p99 ${p50} / ${p95} / ${p99} ms`);
    const rows = await withAdmin(cluster, async (db) => (await db.query<{ cid: string; step: string; at: number }>(TIMELINE_SQL)).rows);
    printSteps(rows);
  } finally {
    await cluster.stop();
  }
}

/** A checkout's milestones in the order the happy path passes them (the payment's steps may overlap). */
const MILESTONES = [
  'orchestrator: transition to Initiated',
  'orchestrator: relayed StockReservationRequested',
  'catalog: began handling StockReservationRequested',
  'catalog: wrote StockReserved',
  'catalog: relayed StockReserved',
  'orchestrator: began handling StockReserved',
  'orchestrator: transition to StockReserved',
  'orchestrator: relayed PaymentSessionRequested',
  'payments: began handling PaymentSessionRequested',
  'sandbox: session created',
  'payments: wrote PaymentSessionCreated',
  'payments: relayed PaymentSessionCreated',
  'orchestrator: began handling PaymentSessionCreated',
  'orchestrator: transition to AwaitingPayment',
  'sandbox: customer acted',
  'payments: webhook received',
  'payments: wrote PaymentCompleted',
  'payments: relayed PaymentCompleted',
  'orchestrator: began handling PaymentCompleted',
  'orchestrator: transition to Completed',
  'orchestrator: relayed CheckoutCompleted',
];

/** Each milestone's delay from the one before it in the same checkout, as median and p95 over checkouts. */
function printSteps(rows: { cid: string; step: string; at: number }[]): void {
  const byCheckout = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const moments = byCheckout.get(row.cid) ?? new Map<string, number>();
    if (!moments.has(row.step)) moments.set(row.step, row.at);
    byCheckout.set(row.cid, moments);
  }
  const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
  console.log('| milestone | from the one before: median / p95 / max | from the start: median |\n| --- | --- | --- |');
  MILESTONES.forEach((step, i) => {
    const delays: number[] = [];
    const sinceStart: number[] = [];
    for (const moments of byCheckout.values()) {
      const at = moments.get(step);
      const before = i > 0 ? moments.get(MILESTONES[i - 1]) : at;
      const start = moments.get(MILESTONES[0]);
      if (at === undefined || before === undefined || start === undefined) continue;
      delays.push(at - before);
      sinceStart.push(at - start);
    }
    const d = (q: number) => quantile(delays, q).toFixed(1);
    console.log(`| ${step} | ${d(0.5)} / ${d(0.95)} / ${d(1)} ms | ${quantile(sinceStart, 0.5).toFixed(1)} ms |`);
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
