import { SANDBOX_PAYMENT_METHODS as PM } from '@checkout/contracts';
import { Client } from 'pg';
import { CheckoutApi, CheckoutView } from './support/checkout-api';
import { inFlight } from './support/checkout-load';
import { startedCluster } from './support/started-cluster';
import { TestCluster } from './support/test-cluster';
import { adminUrlFor } from './support/test-infrastructure';

const SKU = 'TRAVEL-MUG';
const CHECKOUTS = 200;
const IN_FLIGHT = 20;
const STOCK = 100;

describe('200 checkouts of one unit each, 20 at a time, against 100 units of stock', () => {
  let cluster: TestCluster;
  let api: CheckoutApi;
  let views: CheckoutView[];

  beforeAll(async () => {
    cluster = await startedCluster();
    api = new CheckoutApi(cluster);
    await api.setStock(SKU, STOCK);
    views = await inFlight(Array.from({ length: CHECKOUTS }, (_, i) => i), IN_FLIGHT, async () => {
      const { body } = await api.start([{ sku: SKU, qty: 1 }], PM.pays);
      return api.settle(body.checkoutId, (v) => v.final, 120_000);
    });
    await api.untilSold(views, 60_000);
  }, 300_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('completes exactly 100 and cancels the other 100 for lack of stock', () => {
    const byState = views.reduce<Record<string, number>>((counts, v) => ({ ...counts, [v.state]: (counts[v.state] ?? 0) + 1 }), {});
    expect(byState).toEqual({ Completed: STOCK, Cancelled: CHECKOUTS - STOCK });
    for (const cancelled of views.filter((v) => v.state === 'Cancelled')) expect(cancelled.reason).toBe(`out of stock: ${SKU}`);
  });

  it('leaves no stock on hand and nothing reserved', async () => {
    expect(await api.product(SKU)).toMatchObject({ onHand: 0, reserved: 0, available: 0 });
  });

  it('took exactly one payment per completed checkout and keeps none for a cancelled one', async () => {
    const db = new Client({ connectionString: adminUrlFor(cluster.database) });
    await db.connect();
    try {
      const { rows } = await db.query<{ checkout_id: string; status: string }>('SELECT checkout_id, status FROM payments.payments');
      const completed = new Set(views.filter((v) => v.state === 'Completed').map((v) => v.checkoutId));
      const paid = rows.filter((row) => row.status === 'succeeded');
      expect(paid).toHaveLength(STOCK);
      expect(new Set(paid.map((row) => row.checkout_id))).toEqual(completed);
      expect(rows.filter((row) => !completed.has(row.checkout_id) && row.status === 'succeeded')).toEqual([]);
    } finally {
      await db.end();
    }
  });
});
