import { SANDBOX_PAYMENT_METHODS as PM } from '@checkout/contracts';
import { Client } from 'pg';
import { CheckoutApi, CheckoutView } from './support/checkout-api';
import { inFlight, repeatedEvents, succeededPaymentsByCheckout } from './support/checkout-load';
import { describeCheckoutScenarios } from './support/checkout-scenarios';
import { type SagaTiming, TestCluster } from './support/test-cluster';
import { adminUrlFor } from './support/test-infrastructure';

const REPLICAS = 3;
const WIDGET = 'DEMO-WIDGET';
const MUG = 'TRAVEL-MUG';
/**
 * Long enough that a busy machine never times a paid checkout out (15 processes on two cores),
 * short enough to wait for; the late payment comes well after it.
 */
const TIMING: SagaTiming = { paymentTimeoutSeconds: 20, releaseTimeoutSeconds: 3, latePaymentMs: 30_000 };
/**
 * CI's Postgres takes 100 connections, a few of them reserved, and the test runner needs some
 * of its own: 15 processes must hold well under that. The four services that own a schema split
 * DATABASE_CONNECTIONS (10) three ways, 3 each, plus one LISTEN per process: about 48.
 */
const CONNECTIONS_BOUND = 60;

/** Samples how many connections `database` has, every 200 ms, until stopped; the peak. */
function connectionPeak(database: string) {
  const db = new Client({ connectionString: adminUrlFor(database) });
  let peak = 0;
  let sampling = true;
  const sampled = (async () => {
    await db.connect();
    while (sampling) {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      peak = Math.max(peak, rows[0].n);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await db.end();
  })();
  return {
    stop: async () => {
      sampling = false;
      await sampled;
      return peak;
    },
  };
}

/**
 * Every service as three competing processes on one port, as `CLUSTER_REPLICAS=3 npm start`
 * runs them: consumers compete through the inbox, the saga's version check works across
 * processes, three relays share each outbox, three timer scanners share the deadlines.
 */
describe(`the cluster with ${REPLICAS} replicas of every service`, () => {
  let cluster: TestCluster;
  let api: CheckoutApi;

  beforeAll(async () => {
    cluster = await TestCluster.create({ replicas: REPLICAS, timing: TIMING });
    await Promise.all(cluster.startAll().map((service) => service.waitReady(120_000)));
    api = new CheckoutApi(cluster);
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('runs three processes of each service', () => {
    for (const service of cluster.services.values()) expect(service.livePids()).toHaveLength(REPLICAS);
  });

  describe('every checkout scenario', () => {
    describeCheckoutScenarios(() => cluster);
  });

  it('fires a payment timeout once, though three schedulers scan for it', async () => {
    const { body } = await api.start([{ sku: WIDGET, qty: 1 }], PM.neverPays);
    const view = await api.settle(body.checkoutId, (v) => v.final, (TIMING.paymentTimeoutSeconds + 30) * 1000);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // room for a second firing, were there one
    const again = await api.checkout(body.checkoutId);
    expect(again.history.filter((step) => step.event === 'PaymentTimedOut')).toHaveLength(1);
    expect(repeatedEvents(again)).toEqual([]);
    expect(view.state).toBe('Cancelled');
  });

  describe('200 checkouts of one unit each, 20 at a time, against 100 units', () => {
    let views: CheckoutView[];
    let peakConnections: number;

    beforeAll(async () => {
      await api.setStock(MUG, 100);
      const connections = connectionPeak(cluster.database);
      try {
        views = await inFlight(Array.from({ length: 200 }, (_, i) => i), 20, async () => {
          const { status, body } = await api.start([{ sku: MUG, qty: 1 }], PM.pays);
          if (status !== 202) throw new Error(`POST /api/checkouts answered ${status}: ${JSON.stringify(body)}`);
          return api.settle(body.checkoutId, (view) => view.final, 180_000);
        });
        await api.untilSold(views, 60_000);
      } finally {
        peakConnections = await connections.stop();
      }
    }, 300_000);

    it(`holds at most ${CONNECTIONS_BOUND} Postgres connections across all 15 processes meanwhile`, () => {
      process.stdout.write(`peak connections with ${REPLICAS} replicas under load: ${peakConnections}\n`);
      expect(peakConnections).toBeGreaterThan(0);
      expect(peakConnections).toBeLessThanOrEqual(CONNECTIONS_BOUND);
    });

    it('completes exactly 100 and cancels 100, each transition once', () => {
      const byState = views.reduce<Record<string, number>>((counts, v) => ({ ...counts, [v.state]: (counts[v.state] ?? 0) + 1 }), {});
      expect(byState).toEqual({ Completed: 100, Cancelled: 100 });
      expect(views.flatMap(repeatedEvents)).toEqual([]);
    });

    it('sells out exactly, with one payment per completed checkout', async () => {
      expect(await api.product(MUG)).toMatchObject({ onHand: 0, reserved: 0 });
      const payments = await succeededPaymentsByCheckout(cluster.database);
      const completed = views.filter((v) => v.state === 'Completed').map((v) => v.checkoutId);
      expect(completed.every((id) => payments.get(id) === 1)).toBe(true);
      expect(views.filter((v) => v.state === 'Cancelled').some((v) => payments.has(v.checkoutId))).toBe(false);
    });

    it('leaves every outbox drained', async () => {
      const db = new Client({ connectionString: adminUrlFor(cluster.database) });
      await db.connect();
      try {
        for (const schema of ['checkout', 'catalog', 'payments']) {
          const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.outbox WHERE sent_at IS NULL`);
          expect(`${schema}: ${rows[0].n}`).toBe(`${schema}: 0`);
        }
      } finally {
        await db.end();
      }
    });
  });
});
