import { SANDBOX_PAYMENT_METHODS as PM } from '@checkout/contracts';
import { freePort, TcpProxy } from '@checkout/platform/testing';
import { CheckoutApi, steps } from './support/checkout-api';
import type { ServiceName } from './support/service-process';
import { TestCluster } from './support/test-cluster';

/** The simulated customer pays this long after the session opens: after the cut, before the timeout (3 s). */
const PAY_DELAY_MS = 1_200;

describe('a customer who pays while the orchestrator cannot hear it until after the payment timeout', () => {
  let cluster: TestCluster;
  let api: CheckoutApi;
  let orchestratorBroker: TcpProxy;

  beforeAll(async () => {
    cluster = await TestCluster.create();
    // Only the orchestrator reaches RabbitMQ through a proxy the test can cut: its timers
    // (Postgres) keep running while the PaymentCompleted waits in its queue.
    orchestratorBroker = await TcpProxy.start(await freePort(), Number(new URL(cluster.amqpUrl).port || 5672));
    const amqp = new URL(cluster.amqpUrl);
    amqp.port = String(orchestratorBroker.port);
    const overrides: Partial<Record<ServiceName, Record<string, string>>> = {
      'checkout-orchestrator': { AMQP_URL: amqp.toString() },
      'psp-sandbox': { PSP_PAY_DELAY_MS: String(PAY_DELAY_MS) },
    };
    const names: ServiceName[] = ['psp-sandbox', 'catalog-svc', 'payments-svc', 'checkout-orchestrator'];
    await Promise.all(names.map((name) => cluster.start(name, overrides[name]).waitReady()));
    api = new CheckoutApi(cluster);
  });

  afterAll(async () => {
    await orchestratorBroker?.restore();
    await cluster?.stop();
    await orchestratorBroker?.cut();
  });

  it('ends Completed once the broker is back: the timeout asked the provider, which said paid; nothing refunded', async () => {
    const before = await api.product('DEMO-WIDGET');
    const { body } = await api.start([{ sku: 'DEMO-WIDGET', qty: 1 }], PM.pays);
    await api.settle(body.checkoutId, (v) => v.state === 'AwaitingPayment', 10_000);

    await orchestratorBroker.cut();
    // The customer pays meanwhile; the orchestrator's timer fires on its own clock.
    const expiring = await api.settle(body.checkoutId, (v) => v.state === 'ExpiringPayment', 15_000);
    expect(steps(expiring).at(-1)).toBe('AwaitingPayment -PaymentTimedOut-> ExpiringPayment');
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // well past the timeout, still cut
    expect((await api.checkout(body.checkoutId)).state).toBe('ExpiringPayment'); // it did not give up on its own
    await orchestratorBroker.restore();

    const view = await api.settleSold(body.checkoutId, 40_000);
    expect(steps(view).slice(3)).toEqual([
      'AwaitingPayment -PaymentTimedOut-> ExpiringPayment',
      'ExpiringPayment -PaymentCompleted-> Completed',
    ]);
    expect(view).toMatchObject({ state: 'Completed', refunded: false });
    expect(view.history.some((s) => s.compensation)).toBe(false);
    const after = await api.product('DEMO-WIDGET');
    expect(after.onHand).toBe(before.onHand - 1);
    // And nothing was refunded at the provider either.
    const metrics = await (await fetch(`${cluster.urlOf('payments-svc')}/metrics`)).text();
    expect(metrics).not.toMatch(/payment_refunds_total\{[^}]*outcome="refunded"[^}]*\} [1-9]/);
  }, 90_000);
});
