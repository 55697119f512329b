import { SANDBOX_PAYMENT_METHODS as PM } from '@checkout/contracts';
import { type LoadReport, startLoad } from '@checkout/load-generator';
import { eventually } from '@checkout/platform/testing';
import { Client } from 'pg';
import { CheckoutApi } from './support/checkout-api';
import { ALL_SERVICES, TestCluster } from './support/test-cluster';
import { adminUrlFor } from './support/test-infrastructure';

// A stress test (npm run test:stress): about ten minutes on two cores, too long for every run.
describe('2,000 checkouts of one unit each, 200 in flight, against 1,000 units of stock', () => {
  const SKU_2K = 'TRAVEL-MUG';
  let cluster: TestCluster;
  let api: CheckoutApi;
  let report: LoadReport;

  beforeAll(async () => {
    cluster = await TestCluster.create();
    // The npm start payment timeout rather than the suite's 3 s: on a busy machine a checkout
    // may wait longer than that for its payment, and this test is about stock, not timeouts.
    const overrides = (name: string): Record<string, string> => (name === 'checkout-orchestrator' ? { PAYMENT_TIMEOUT_SECONDS: '60' } : {});
    await Promise.all(ALL_SERVICES.map((name) => cluster.start(name, overrides(name)).waitReady()));
    api = new CheckoutApi(cluster);
    await api.setStock(SKU_2K, 1_000);
    report = await startLoad({
      orchestratorUrl: cluster.urlOf('checkout-orchestrator'),
      amqpUrl: cluster.amqpUrl,
      arrivals: { kind: 'closed', inFlight: 200 },
      orders: [{ sku: SKU_2K, paymentMethod: PM.pays }],
      // Admission control may shed some POSTs on a busy machine; the generator retries them.
      maxCheckouts: 100_000,
      maxAccepted: 2_000,
      maxDurationMs: 600_000,
      drainMs: 120_000,
    }).done;
  }, 900_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('accepts every one and sees each end: exactly 1,000 Completed and 1,000 Cancelled', () => {
    expect(report).toMatchObject({ accepted: 2_000, failedRequests: 0, lastFailure: null, completed: 1_000, cancelled: 1_000, failed: 0, inFlight: 0 });
  });

  it('records the same in the saga table', async () => {
    const rows = await adminQuery<{ state: string; count: number }>(cluster, 'SELECT state, count(*)::int AS count FROM checkout.checkouts GROUP BY state');
    expect(Object.fromEntries(rows.map((row) => [row.state, row.count]))).toEqual({ Completed: 1_000, Cancelled: 1_000 });
  });

  it('took exactly one payment per completed checkout and none for a cancelled one', async () => {
    const paid = await adminQuery<{ checkout_id: string; payments: number }>(
      cluster,
      `SELECT checkout_id, count(*)::int AS payments FROM payments.payments WHERE status = 'succeeded' GROUP BY checkout_id`,
    );
    const completed = await adminQuery<{ id: string }>(cluster, `SELECT id FROM checkout.checkouts WHERE state = 'Completed'`);
    expect(paid.filter((row) => row.payments !== 1)).toEqual([]);
    expect(new Set(paid.map((row) => row.checkout_id))).toEqual(new Set(completed.map((row) => row.id)));
  });

  it('sells the 1,000 units and leaves nothing reserved', async () => {
    // Each completed checkout's stock commit is a message after its end: wait for the last.
    const product = await eventually(async () => {
      const now = await api.product(SKU_2K);
      return now.reserved === 0 && now;
    }, 60_000, 'every sale committed');
    expect(product).toMatchObject({ onHand: 0, reserved: 0, available: 0 });
  });
});

async function adminQuery<Row extends object>(cluster: TestCluster, sql: string): Promise<Row[]> {
  const db = new Client({ connectionString: adminUrlFor(cluster.database) });
  await db.connect();
  try {
    return (await db.query(sql)).rows as Row[];
  } finally {
    await db.end();
  }
}
