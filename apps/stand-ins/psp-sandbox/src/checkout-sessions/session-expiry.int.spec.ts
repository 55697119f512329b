import { dropTestDatabase, eventually, sleep, uniqueName } from '@checkout/platform/testing';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { demoSessionParams, RunningSandbox, startSandbox } from '../testing/sandbox-test-app';
import { WebhookReceiver } from '../testing/webhook-receiver';

const PAY_DELAY_MS = 700;
const LATE_PAY_DELAY_MS = 1_800;
const database = uniqueName('psp_expiry');
let sandbox: RunningSandbox;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
  sandbox = await startSandbox(database, {
    PSP_WEBHOOK_URL: receiver.url,
    PSP_PAY_DELAY_MS: String(PAY_DELAY_MS),
    PSP_LATE_PAY_DELAY_MS: String(LATE_PAY_DELAY_MS),
  });
}, 30_000);

afterAll(async () => {
  await sandbox?.app.close();
  await receiver?.close();
  await dropTestDatabase(database);
});

async function sessionFor(paymentMethod: string) {
  const checkoutId = randomUUID();
  const session = await sandbox.stripe.checkout.sessions.create(demoSessionParams(checkoutId, paymentMethod));
  return { checkoutId, session };
}
const typesFor = (checkoutId: string) => receiver.for(checkoutId).map((webhook) => webhook.event.type);
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the provider to refuse');
    },
    (error: unknown) => error,
  );

describe('expiring a checkout session, POST /v1/checkout/sessions/:id/expire, as Stripe does', () => {
  it('closes an open session at once: expired, no pay URL, and checkout.session.expired is sent', async () => {
    const { checkoutId, session } = await sessionFor('pm_sandbox_never_pays');

    const expired = await sandbox.stripe.checkout.sessions.expire(session.id);

    expect(expired).toMatchObject({ id: session.id, status: 'expired', payment_status: 'unpaid', url: null });
    expect(expired.expires_at).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    expect(await sandbox.stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'expired' });
    await eventually(() => typesFor(checkoutId).includes('checkout.session.expired'), 5_000, 'the expired event');
  });

  it('refuses a session that is no longer open with a 400, which the SDK raises as an invalid request', async () => {
    const { session } = await sessionFor('pm_sandbox_never_pays');
    await sandbox.stripe.checkout.sessions.expire(session.id);

    const error = await refusal(sandbox.stripe.checkout.sessions.expire(session.id));

    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, code: 'checkout_session_not_open' });
  });

  it('answers 404 for a session it never created', async () => {
    const error = await refusal(sandbox.stripe.checkout.sessions.expire('cs_test_nobody_made_this_one'));
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('refuses to expire a session the customer already paid: it stays complete and paid', async () => {
    const { checkoutId, session } = await sessionFor('pm_card_visa');
    await eventually(() => typesFor(checkoutId).includes('checkout.session.completed'), 5_000, 'the payment');

    const error = await refusal(sandbox.stripe.checkout.sessions.expire(session.id));

    expect(error).toMatchObject({ statusCode: 400, code: 'checkout_session_not_open' });
    expect(await sandbox.stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'complete', payment_status: 'paid' });
  });

  it('stops the simulated customer from paying a session expired before they got to it', async () => {
    const { checkoutId, session } = await sessionFor('pm_card_visa');
    await sandbox.stripe.checkout.sessions.expire(session.id);

    await sleep(PAY_DELAY_MS + 600);

    expect(await sandbox.stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'expired', payment_intent: null });
    expect(typesFor(checkoutId)).toEqual(['checkout.session.expired']);
  });
});

describe('a customer who pays late (pm_sandbox_pays_late): a method that settles after the shop gave up', () => {
  it('completes the session unpaid at once, so it cannot be expired, and settles after PSP_LATE_PAY_DELAY_MS', async () => {
    const createdAt = Date.now();
    const { checkoutId, session } = await sessionFor('pm_sandbox_pays_late');
    await eventually(() => typesFor(checkoutId).includes('checkout.session.completed'), 5_000, 'the delayed payment started');
    const [started] = receiver.for(checkoutId);
    expect(started.event.data.object).toMatchObject({ status: 'complete', payment_status: 'unpaid' });

    const error = await refusal(sandbox.stripe.checkout.sessions.expire(session.id));
    expect(error).toMatchObject({ statusCode: 400, code: 'checkout_session_not_open' });

    await eventually(() => typesFor(checkoutId).includes('checkout.session.async_payment_succeeded'), 8_000, 'the money arrived');
    const settled = receiver.for(checkoutId).find((webhook) => webhook.event.type === 'checkout.session.async_payment_succeeded');
    expect((settled?.receivedAt ?? 0) - createdAt).toBeGreaterThanOrEqual(LATE_PAY_DELAY_MS - 50);
    expect(settled?.event.data.object).toMatchObject({ status: 'complete', payment_status: 'paid', payment_intent: started.event.data.object['payment_intent'] });
    const paid = await sandbox.stripe.checkout.sessions.retrieve(session.id);
    expect(paid).toMatchObject({ status: 'complete', payment_status: 'paid' });
    // The money is real: it can be refunded, which is what the shop does with a late payment.
    const refund = await sandbox.stripe.refunds.create({ payment_intent: paid.payment_intent as string });
    expect(refund).toMatchObject({ status: 'succeeded', amount: 3999 });
  }, 15_000);
});
