import { SANDBOX_CREDENTIALS, SANDBOX_PAYMENT_METHODS as PM } from '@checkout/contracts';
import { createHmac, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { CheckoutApi, type CheckoutView } from './support/checkout-api';
import type { ServiceName } from './support/service-process';
import { TestCluster } from './support/test-cluster';
import { testDatabaseUrl } from './support/test-infrastructure';

interface OurPayment {
  id: string;
  checkoutId: string;
  sessionId: string;
  status: string;
}

/**
 * Webhooks signed with the very secret the cluster uses (so the signature check passes), but
 * describing a payment other than the one we created. None may complete, sell or pay anything.
 */
describe('signed webhooks that do not match what payments created', () => {
  let cluster: TestCluster;
  let api: CheckoutApi;
  let payments: Client;

  beforeAll(async () => {
    cluster = await TestCluster.create();
    const names: ServiceName[] = ['psp-sandbox', 'catalog-svc', 'payments-svc', 'checkout-orchestrator'];
    await Promise.all(names.map((name) => cluster.start(name).waitReady()));
    api = new CheckoutApi(cluster);
    payments = new Client({ connectionString: testDatabaseUrl('payments_svc', cluster.database) });
    await payments.connect();
  });

  afterAll(async () => {
    await payments?.end();
    await cluster?.stop();
  });

  /** A checkout whose customer never pays, waiting for payment with a session at the provider. */
  async function awaitingPayment(): Promise<OurPayment> {
    const { body } = await api.start([{ sku: 'DEMO-WIDGET', qty: 1 }], PM.neverPays);
    await api.settle(body.checkoutId, (v) => v.state === 'AwaitingPayment', 10_000);
    return paymentOf(body.checkoutId);
  }

  async function paymentOf(checkoutId: string): Promise<OurPayment> {
    const { rows } = await payments.query(
      'SELECT id, checkout_id AS "checkoutId", provider_session_id AS "sessionId", status FROM payments.payments WHERE checkout_id = $1',
      [checkoutId],
    );
    return rows[0] as OurPayment;
  }

  function deliver(sessionId: string, metadata: Record<string, string>) {
    const event = {
      id: `evt_${randomUUID().replace(/-/g, '')}`,
      object: 'event',
      type: 'checkout.session.completed',
      data: { object: { id: sessionId, object: 'checkout.session', status: 'complete', payment_status: 'paid', payment_intent: 'pi_forged', amount_total: 3999, currency: 'gbp', metadata } },
    };
    const body = JSON.stringify(event);
    const timestamp = Math.floor(Date.now() / 1000);
    const v1 = createHmac('sha256', SANDBOX_CREDENTIALS.webhookSecret).update(`${timestamp}.${body}`).digest('hex');
    return fetch(`${cluster.urlOf('payments-svc')}/webhooks/psp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': `t=${timestamp},v1=${v1}` },
      body,
    });
  }

  /** It ran out its time like any unpaid checkout: Cancelled by the timeout, nothing paid or sold. */
  async function expectEndedUnpaid(payment: OurPayment): Promise<CheckoutView> {
    const view = await api.settle(payment.checkoutId, (v) => v.final, 20_000);
    expect(view).toMatchObject({ state: 'Cancelled', refunded: false });
    expect(view.history.map((s) => s.event)).not.toContain('PaymentCompleted');
    expect(view.history.map((s) => s.event)).toContain('PaymentTimedOut');
    expect((await paymentOf(payment.checkoutId)).status).toBe('expired');
    return view;
  }

  it('changes nothing for a session id we never created, though it names a real checkout and its payment', async () => {
    const before = await api.product('DEMO-WIDGET');
    const victim = await awaitingPayment();

    const response = await deliver(`cs_${randomUUID().replace(/-/g, '')}`, { checkoutId: victim.checkoutId, paymentId: victim.id });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, ignored: 'unknown_payment' });
    expect((await api.checkout(victim.checkoutId)).state).toBe('AwaitingPayment');
    await expectEndedUnpaid(victim);
    expect(await api.product('DEMO-WIDGET')).toMatchObject({ onHand: before.onHand, reserved: before.reserved });
  }, 40_000);

  it("completes neither checkout when one's session carries the other's payment id, or the other checkout's id", async () => {
    const [x, y] = await Promise.all([awaitingPayment(), awaitingPayment()]);

    const crossedPayment = await deliver(x.sessionId, { checkoutId: x.checkoutId, paymentId: y.id });
    const crossedCheckout = await deliver(y.sessionId, { checkoutId: x.checkoutId, paymentId: y.id });

    expect([crossedPayment.status, crossedCheckout.status]).toEqual([422, 422]);
    await expectEndedUnpaid(x);
    await expectEndedUnpaid(y);
    const metrics = await (await fetch(`${cluster.urlOf('payments-svc')}/metrics`)).text();
    expect(metrics).toMatch(/provider_events_rejected_total\{[^}]*reason="payment_mismatch"[^}]*\} 1/);
    expect(metrics).toMatch(/provider_events_rejected_total\{[^}]*reason="checkout_mismatch"[^}]*\} 1/);
  }, 40_000);
});
