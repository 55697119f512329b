import { SANDBOX_PAYMENT_METHODS as PM } from '@checkout/contracts';
import { CheckoutApi } from './checkout-api';
import { ALL_SERVICES, TestCluster } from './test-cluster';

/** The operator token the console specs configure on the edge. */
export const OPS_TOKEN = 'e2e-operator-token-0123456789';
/** Operator actions one client may send per minute, per route, in the console specs. */
export const OPS_ACTIONS_PER_MINUTE = 20;

/** Every service, the edge with the operator token, each ready. */
export async function startClusterWithOpsToken(cluster: TestCluster): Promise<void> {
  const edge = { OPS_TOKEN, RATE_LIMIT_OPS_ACTIONS_PER_MINUTE: String(OPS_ACTIONS_PER_MINUTE) };
  const services = ALL_SERVICES.map((name) => cluster.start(name, name === 'bff-web' ? edge : {}));
  await Promise.all(services.map((service) => service.waitReady()));
}

/**
 * A checkout that ends Failed the way production's do: it is never paid, and the catalog is
 * stopped before its stock release can be answered, so the compensation exhausts its retries.
 * The catalog is left stopped; start it again before resuming.
 */
export async function failedCheckout(cluster: TestCluster): Promise<string> {
  const api = new CheckoutApi(cluster);
  const { body } = await api.start([{ sku: 'DEMO-WIDGET', qty: 1 }], PM.neverPays);
  await api.settle(body.checkoutId, (view) => view.state === 'AwaitingPayment');
  await cluster.service('catalog-svc').stop();
  await api.settle(body.checkoutId, (view) => view.state === 'Failed', 40_000);
  return body.checkoutId;
}
