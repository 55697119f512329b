import { SANDBOX_PAYMENT_METHODS as PM } from '@checkout/contracts';
import { eventually, sleep } from '@checkout/platform/testing';
import { CheckoutApi, steps } from './checkout-api';
import { repeatedEvents } from './checkout-load';
import type { TestCluster } from './test-cluster';

const WIDGET = 'DEMO-WIDGET';

/** Headroom past the saga's own clocks for a scenario to settle on a busy machine. */
const SLACK_MS = 25_000;

/** How many webhooks payments-svc found it had already received, over all its replicas. */
async function duplicateWebhooks(cluster: TestCluster): Promise<number> {
  const pattern = /^provider_webhooks_total\{[^}]*outcome="duplicate"[^}]*\} (\d+)/gm;
  const scrapes = await cluster.metricsOfEveryReplica('payments-svc');
  return scrapes.flatMap((text) => [...text.matchAll(pattern)]).reduce((sum, match) => sum + Number(match[1]), 0);
}

/**
 * Every checkout scenario, each with its whole step-and-compensation sequence, against the
 * cluster `cluster()` returns once the caller's beforeAll has started it: one process of each
 * service (checkout-scenarios.e2e-spec.ts) or several competing replicas (replicas.stress-spec.ts).
 * A scenario that takes a service down takes down every replica of it, and its timings follow
 * the cluster's (`cluster.timing`).
 */
export function describeCheckoutScenarios(cluster: () => TestCluster): void {
  let api: CheckoutApi;

  beforeAll(() => {
    api = new CheckoutApi(cluster());
  });

  describe('a checkout that is paid', () => {
    it('completes, and its reservation becomes a sale', async () => {
      const before = await api.product(WIDGET);
      const { status, body } = await api.start([{ sku: WIDGET, qty: 2 }], PM.pays);
      expect(status).toBe(202);
      expect(body.state).toBe('Initiated');

      const view = await api.settleSold(body.checkoutId);
      expect(steps(view)).toEqual([
        'Initial -CheckoutRequested-> Initiated',
        'Initiated -StockReserved-> StockReserved',
        'StockReserved -PaymentSessionCreated-> AwaitingPayment',
        'AwaitingPayment -PaymentCompleted-> Completed',
      ]);
      expect(view).toMatchObject({ state: 'Completed', total: 7998, currency: 'GBP', refunded: false });
      const after = await api.product(WIDGET);
      expect(after.onHand).toBe(before.onHand - 2);
      expect(after.reserved).toBe(before.reserved);
    });
  });

  describe('a checkout for a product with no stock', () => {
    it('ends Cancelled with the reason, having reserved nothing', async () => {
      const { body } = await api.start([{ sku: 'SOLD-OUT-GADGET', qty: 1 }], PM.pays);
      const view = await api.settle(body.checkoutId);
      expect(steps(view)).toEqual(['Initial -CheckoutRequested-> Initiated', 'Initiated -StockReservationFailed-> Cancelled']);
      expect(view.reason).toBe('out of stock: SOLD-OUT-GADGET');
    });
  });

  describe('a checkout whose payment is declined', () => {
    it('releases the reserved stock and ends Cancelled', async () => {
      const before = await api.product(WIDGET);
      const { body } = await api.start([{ sku: WIDGET, qty: 1 }], PM.declined);
      const view = await api.settle(body.checkoutId);
      expect(steps(view)).toEqual([
        'Initial -CheckoutRequested-> Initiated',
        'Initiated -StockReserved-> StockReserved',
        'StockReserved -PaymentSessionCreated-> AwaitingPayment',
        'AwaitingPayment -PaymentFailed-> Compensating',
        'Compensating -StockReleased-> Cancelled',
      ]);
      expect(view.history.slice(3).every((s) => s.compensation)).toBe(true);
      expect(view.reason).toBe('payment declined (generic_decline)');
      expect(await api.product(WIDGET)).toMatchObject({ onHand: before.onHand, reserved: before.reserved });
    });
  });

  describe('a checkout that is never paid', () => {
    it('times out once, has the provider close the session, releases the stock and ends Cancelled', async () => {
      const { paymentTimeoutSeconds } = cluster().timing;
      const before = await api.product(WIDGET);
      const { body } = await api.start([{ sku: WIDGET, qty: 1 }], PM.neverPays);
      const view = await api.settle(body.checkoutId, (v) => v.final, paymentTimeoutSeconds * 1000 + SLACK_MS);
      expect(steps(view).slice(2)).toEqual([
        'StockReserved -PaymentSessionCreated-> AwaitingPayment',
        'AwaitingPayment -PaymentTimedOut-> ExpiringPayment',
        'ExpiringPayment -PaymentSessionExpired-> Compensating',
        'Compensating -StockReleased-> Cancelled',
      ]);
      expect(view.reason).toBe(`no payment within ${paymentTimeoutSeconds} s`);
      expect(await api.product(WIDGET)).toMatchObject({ onHand: before.onHand, reserved: before.reserved });
    });
  });

  describe('a checkout paid after it gave up', () => {
    it('is cancelled, and the late payment is refunded, never kept', async () => {
      const { paymentTimeoutSeconds, latePaymentMs } = cluster().timing;
      // The customer pays by a method that settles late: the session cannot be expired (it is
      // complete, unpaid), so the checkout gives up, and the money that arrives is refunded.
      const { body } = await api.start([{ sku: WIDGET, qty: 1 }], PM.paysLate);
      const view = await api.settle(body.checkoutId, (v) => v.refunded, Math.max(paymentTimeoutSeconds * 1000, latePaymentMs) + SLACK_MS);
      expect(steps(view).slice(3)).toEqual([
        'AwaitingPayment -PaymentTimedOut-> ExpiringPayment',
        'ExpiringPayment -PaymentSessionExpired-> Compensating',
        'Compensating -StockReleased-> Cancelled',
        'Cancelled -PaymentCompleted-> Cancelled',
        'Cancelled -PaymentRefunded-> Cancelled',
      ]);
      expect(view.state).toBe('Cancelled');
      expect(view.reason).toBe(`no payment within ${paymentTimeoutSeconds} s; a payment still pending will be refunded`);
    });
  });

  describe('a payment whose webhook is delivered twice', () => {
    it('counts as one payment', async () => {
      const duplicatesBefore = await duplicateWebhooks(cluster());
      const { body } = await api.start([{ sku: WIDGET, qty: 1 }], PM.webhookTwice);
      const view = await api.settleSold(body.checkoutId);
      // Whichever replica the second delivery reached, it is counted there as a duplicate.
      await eventually(async () => (await duplicateWebhooks(cluster())) > duplicatesBefore || (await sleep(100), false), 10_000, 'the second delivery');
      const again = await api.checkout(body.checkoutId);
      expect(again.history.filter((s) => s.event === 'PaymentCompleted')).toHaveLength(1);
      expect(repeatedEvents(again)).toEqual([]);
      expect(view.state).toBe('Completed');
    });
  });

  describe('a checkout whose orchestrator is killed mid-saga', () => {
    it('finishes once the orchestrator is back', async () => {
      const { body } = await api.start([{ sku: WIDGET, qty: 1 }], PM.pays);
      await cluster().service('checkout-orchestrator').stop('SIGKILL');
      await sleep(1500); // the saga's replies pile up meanwhile
      await cluster().start('checkout-orchestrator').waitReady(120_000);
      const view = await api.settleSold(body.checkoutId);
      expect(view.state).toBe('Completed');
      expect(repeatedEvents(view)).toEqual([]);
    });
  });

  describe('a compensation whose stock release keeps going unanswered', () => {
    it('ends Failed, is listed for an operator, and finishes Cancelled once resumed and the catalog is back', async () => {
      const { paymentTimeoutSeconds, releaseTimeoutSeconds } = cluster().timing;
      const orchestrator = cluster().urlOf('checkout-orchestrator');
      const { body } = await api.start([{ sku: WIDGET, qty: 1 }], PM.neverPays);
      await api.settle(body.checkoutId, (v) => v.state === 'AwaitingPayment');
      await cluster().service('catalog-svc').stop();

      const failed = await api.settle(body.checkoutId, (v) => v.state === 'Failed', (paymentTimeoutSeconds + 3 * releaseTimeoutSeconds) * 1000 + SLACK_MS);
      expect(steps(failed).slice(3)).toEqual([
        'AwaitingPayment -PaymentTimedOut-> ExpiringPayment',
        'ExpiringPayment -PaymentSessionExpired-> Compensating',
        'Compensating -ReleaseTimedOut-> Compensating',
        'Compensating -ReleaseTimedOut-> Compensating',
        'Compensating -ReleaseTimedOut-> Failed',
      ]);
      const listed = (await (await fetch(`${orchestrator}/api/checkouts?state=Failed`)).json()) as { checkoutId: string }[];
      expect(listed.map((c) => c.checkoutId)).toContain(body.checkoutId);

      const resume = await fetch(`${orchestrator}/api/checkouts/${body.checkoutId}/resume`, { method: 'POST' });
      expect(resume.status).toBe(202);
      expect(await resume.json()).toEqual({ checkoutId: body.checkoutId, state: 'Compensating' });
      await cluster().start('catalog-svc').waitReady(120_000);

      const view = await api.settle(body.checkoutId, (v) => v.state === 'Cancelled', 30_000);
      expect(steps(view)).toContain('Failed -ResumeRequested-> Compensating');
      const again = await fetch(`${orchestrator}/api/checkouts/${body.checkoutId}/resume`, { method: 'POST' });
      expect(again.status).toBe(409);
    });
  });

  describe('starting a checkout', () => {
    it('answers a repeated request with the same checkout, and refuses the key with another body', async () => {
      const key = `e2e-${Date.now()}`;
      const first = await api.start([{ sku: WIDGET, qty: 1 }], PM.pays, key);
      const again = await api.start([{ sku: WIDGET, qty: 1 }], PM.pays, key);
      const other = await api.start([{ sku: WIDGET, qty: 3 }], PM.pays, key);
      expect(again).toEqual(first);
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('CHECKOUT.IDEMPOTENCY_KEY_REUSED');
    });

    it.each([
      ['an unknown sku', { items: [{ sku: 'NO-SUCH-THING', qty: 1 }], paymentMethod: PM.pays }],
      ['a zero quantity', { items: [{ sku: WIDGET, qty: 0 }], paymentMethod: PM.pays }],
      ['a fractional quantity', { items: [{ sku: WIDGET, qty: 1.5 }], paymentMethod: PM.pays }],
      ['too many lines', { items: Array.from({ length: 21 }, (_, i) => ({ sku: `SKU-${i}`, qty: 1 })), paymentMethod: PM.pays }],
      ['a client-sent price', { items: [{ sku: WIDGET, qty: 1, price: 1 }], paymentMethod: PM.pays }],
      ['no payment method', { items: [{ sku: WIDGET, qty: 1 }] }],
    ])('refuses %s with 400 and starts nothing', async (_, body) => {
      const response = await fetch(`${cluster().urlOf('checkout-orchestrator')}/api/checkouts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `bad-${Date.now()}-${Math.random()}` },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
      const error = (await response.json()) as { code: string };
      expect(error.code).toMatch(/^(REQUEST.INVALID|CHECKOUT.UNKNOWN_SKU)$/);
      expect(JSON.stringify(error)).not.toMatch(/\bat \w+ \(|node_modules/);
    });
  });
}
