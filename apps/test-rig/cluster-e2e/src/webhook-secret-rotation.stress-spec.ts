import { SANDBOX_PAYMENT_METHODS as PM } from '@checkout/contracts';
import { VaultClient } from '@checkout/platform';
import { rotateProviderSecrets } from '@checkout/provider-secrets';
import { sleep } from '@checkout/platform/testing';
import { createHmac } from 'node:crypto';
import { CheckoutApi, CheckoutView } from './support/checkout-api';
import { TestCluster } from './support/test-cluster';
import { LEASED_SERVICES, ROOT_TOKEN, VaultMode } from './support/vault-mode';

const SKU = 'TRAVEL-MUG';
const CHECKOUTS = 120;
const IN_FLIGHT = 10;
const OVERLAP_SECONDS = 12;
// The two ends re-read Vault on clocks of their own. Payments reads far more often than the
// provider here, so it always learns the new API key seconds before the provider does: a
// caller that switched keys as soon as it read them was refused (401) in that window, and its
// checkouts were cancelled. The overlap covers twice the slower refresh.
const REFRESH_MS: Record<string, number> = { 'payments-svc': 250, 'psp-sandbox': 4000 };
const SLOWEST_REFRESH_MS = Math.max(...Object.values(REFRESH_MS));
const OLD = { apiKey: 'sk_test_e2e_rotation_old_0000', webhookSecret: 'whsec_e2e_rotation_old_000000000' };
const NEW = { apiKey: 'sk_test_e2e_rotation_new_0000', webhookSecret: 'whsec_e2e_rotation_new_000000000' };

/** Signs like Stripe with one secret only: what a party that knows just the old secret sends. */
function signedWith(secret: string, payload: string): string {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex')}`;
}

async function rejectedWebhooks(cluster: TestCluster): Promise<number> {
  const metrics = await (await fetch(`${cluster.urlOf('payments-svc')}/metrics`)).text();
  const line = metrics.split('\n').find((l) => l.startsWith('provider_webhooks_total') && l.includes('outcome="rejected_signature"'));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('rotating the provider API key and webhook signing secret under load', () => {
  let cluster: TestCluster;
  let vault: VaultMode;
  const views: CheckoutView[] = [];
  const failedRequests: string[] = [];

  beforeAll(async () => {
    cluster = await TestCluster.create();
    vault = new VaultMode(cluster, { defaultSeconds: 60, maxSeconds: 600 });
    await vault.startVault({ PSP_API_KEY: OLD.apiKey, PSP_WEBHOOK_SECRET: OLD.webhookSecret });
    await Promise.all(
      LEASED_SERVICES.map((name) => cluster.start(name, { ...vault.serviceEnv(name), VAULT_SECRETS_REFRESH_MS: String(REFRESH_MS[name] ?? 2000) }).waitReady()),
    );
    const api = new CheckoutApi(cluster);
    await api.setStock(SKU, CHECKOUTS);
    const root = new VaultClient({ address: cluster.urlOf('vault-sandbox'), token: ROOT_TOKEN });
    let started = 0;
    const load = Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (started < CHECKOUTS) {
          started++;
          const response = await api.start([{ sku: SKU, qty: 1 }], PM.pays);
          if (response.status !== 202) failedRequests.push(`${response.status} ${JSON.stringify(response.body)}`);
          else views.push(await api.settle(response.body.checkoutId, (v) => v.final, 120_000));
        }
      }),
    );
    // Rotate once the load is under way, while webhooks are in flight.
    while (started < CHECKOUTS / 3) await sleep(100);
    await rotateProviderSecrets(root, OVERLAP_SECONDS, NEW);
    await load;
  }, 600_000);

  afterAll(async () => {
    await cluster?.stop();
    await vault?.dropRoles();
  });

  it('completes every checkout with no failed request and no rejected webhook during the overlap', async () => {
    expect(failedRequests).toEqual([]);
    expect(views.filter((v) => v.state !== 'Completed')).toEqual([]);
    expect(views).toHaveLength(CHECKOUTS);
    expect(await rejectedWebhooks(cluster)).toBe(0);
  });

  it('refuses a webhook signed only with the old secret once the overlap is over (400)', async () => {
    // An event type payments stores and otherwise ignores: 200 whenever the signature holds.
    const payload = JSON.stringify({ id: 'evt_after_overlap', type: 'charge.refund.updated', data: { object: { id: 're_1' } } });
    const post = (secret: string) =>
      fetch(`${cluster.urlOf('payments-svc')}/webhooks/psp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signedWith(secret, payload) },
        body: payload,
      });
    await sleep(OVERLAP_SECONDS * 1000 + 2 * SLOWEST_REFRESH_MS);
    expect((await post(OLD.webhookSecret)).status).toBe(400);
    expect((await post(NEW.webhookSecret)).status).toBe(200);
  });
});
