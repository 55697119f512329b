import { dropTestDatabase, eventually, sleep, uniqueName } from '@checkout/platform/testing';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { demoSessionParams, RunningSandbox, startSandbox, TEST_WEBHOOK_SECRET } from '../testing/sandbox-test-app';
import { ReceivedWebhook, WebhookReceiver } from '../testing/webhook-receiver';

const database = uniqueName('psp_webhooks');
let sandbox: RunningSandbox;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
  sandbox = await startSandbox(database, { PSP_WEBHOOK_URL: receiver.url });
}, 30_000);

afterAll(async () => {
  await sandbox?.app.close();
  await receiver?.close();
  await dropTestDatabase(database);
});

/** Creates a session whose simulated customer uses `paymentMethod`; returns its checkout id. */
async function checkoutWith(paymentMethod: string | undefined) {
  const checkoutId = randomUUID();
  const createdAt = Date.now();
  const session = await sandbox.stripe.checkout.sessions.create(demoSessionParams(checkoutId, paymentMethod));
  return { checkoutId, session, createdAt };
}

function webhooksFor(checkoutId: string, count: number): Promise<ReceivedWebhook[]> {
  return eventually(() => receiver.for(checkoutId).length >= count && receiver.for(checkoutId), 5_000, `${count} webhook(s)`);
}

describe('a session paid with pm_card_visa', () => {
  it('delivers a signed checkout.session.completed webhook about PSP_PAY_DELAY_MS later', async () => {
    const { checkoutId, session, createdAt } = await checkoutWith('pm_card_visa');
    const [webhook] = await webhooksFor(checkoutId, 1);

    const event = sandbox.stripe.webhooks.constructEvent(webhook.rawBody, webhook.signature, TEST_WEBHOOK_SECRET);
    expect(event).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      object: 'event',
      api_version: '2025-01-01',
      type: 'checkout.session.completed',
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    });
    const completed = event.data.object as Stripe.Checkout.Session;
    expect(completed).toMatchObject({ id: session.id, status: 'complete', payment_status: 'paid', amount_total: 3999 });
    expect(completed.metadata).toEqual({ checkoutId, payment_method: 'pm_card_visa' });
    expect(completed.payment_intent).toMatch(/^pi_/);
    expect(webhook.contentType).toMatch(/^application\/json/);
    expect(webhook.receivedAt - createdAt).toBeGreaterThanOrEqual(250);
    expect(webhook.receivedAt - createdAt).toBeLessThan(1_500);
    expect(await sandbox.stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'complete', payment_intent: completed.payment_intent });
  });

  it('signs with the webhook secret: another secret does not verify', async () => {
    const { checkoutId } = await checkoutWith('pm_card_visa');
    const [webhook] = await webhooksFor(checkoutId, 1);
    expect(() => sandbox.stripe.webhooks.constructEvent(webhook.rawBody, webhook.signature, 'whsec_some_other_secret_000000')).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });
});

describe('a session paid with pm_card_chargeDeclined', () => {
  it('delivers payment_intent.payment_failed carrying the metadata, and the session stays open', async () => {
    const { checkoutId, session } = await checkoutWith('pm_card_chargeDeclined');
    const [webhook] = await webhooksFor(checkoutId, 1);

    const event = sandbox.stripe.webhooks.constructEvent(webhook.rawBody, webhook.signature, TEST_WEBHOOK_SECRET);
    expect(event.type).toBe('payment_intent.payment_failed');
    expect(event.data.object).toMatchObject({
      id: expect.stringMatching(/^pi_/),
      object: 'payment_intent',
      amount: 3999,
      currency: 'gbp',
      status: 'requires_payment_method',
      metadata: { checkoutId, paymentId: `pay-${checkoutId}`, payment_method: 'pm_card_chargeDeclined' },
      last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
    });
    expect(await sandbox.stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'open', payment_status: 'unpaid' });
  });
});

describe('a session paid with pm_sandbox_webhook_twice', () => {
  it('delivers the same event, same id, twice, each delivery signed', async () => {
    const { checkoutId } = await checkoutWith('pm_sandbox_webhook_twice');
    const webhooks = await webhooksFor(checkoutId, 2);
    await sleep(300);

    expect(receiver.for(checkoutId)).toHaveLength(2);
    const events = webhooks.map((w) => sandbox.stripe.webhooks.constructEvent(w.rawBody, w.signature, TEST_WEBHOOK_SECRET));
    expect(events.map((e) => e.type)).toEqual(['checkout.session.completed', 'checkout.session.completed']);
    expect(events[0].id).toBe(events[1].id);
  });
});

describe('a session whose customer never pays or walks away', () => {
  it('sends no webhook within a second and stays open, whichever way the customer stays away', async () => {
    const checkouts = await Promise.all(['pm_sandbox_never_pays', 'pm_unknown_to_the_sandbox', undefined].map(checkoutWith));
    await sleep(1_000);
    for (const { checkoutId, session } of checkouts) {
      expect(receiver.for(checkoutId)).toEqual([]);
      expect(await sandbox.stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'open', payment_status: 'unpaid' });
    }
  });
});
