import { DatabaseService } from '@checkout/platform';
import { dropTestDatabase, eventually, freePort, uniqueName } from '@checkout/platform/testing';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { demoSessionParams, RunningSandbox, startSandbox } from '../testing/sandbox-test-app';

const database = uniqueName('psp_refunds');
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox(database, {
    PSP_PAY_DELAY_MS: '50',
    PSP_WEBHOOK_URL: `http://127.0.0.1:${await freePort()}/webhooks/psp`,
  });
}, 30_000);

afterAll(async () => {
  await sandbox?.app.close();
  await dropTestDatabase(database);
});

/** A session the simulated customer has paid; resolves to its payment intent id. */
async function paidPaymentIntent(): Promise<string> {
  const session = await sandbox.stripe.checkout.sessions.create(demoSessionParams(randomUUID(), 'pm_card_visa'));
  const paid = await eventually(async () => {
    const current = await sandbox.stripe.checkout.sessions.retrieve(session.id);
    return current.payment_status === 'paid' && current;
  }, 5_000, 'session paid');
  expect(paid).toMatchObject({ status: 'complete', url: null, payment_intent: expect.stringMatching(/^pi_/) });
  return String(paid.payment_intent);
}

describe('a refund of a session the simulated customer paid', () => {
  it('refunds the whole amount by default, and can be retrieved', async () => {
    const paymentIntent = await paidPaymentIntent();
    const refund = await sandbox.stripe.refunds.create({ payment_intent: paymentIntent, metadata: { checkoutId: 'c-1' } });

    expect(refund).toMatchObject({
      object: 'refund',
      amount: 3999,
      currency: 'gbp',
      payment_intent: paymentIntent,
      status: 'succeeded',
      metadata: { checkoutId: 'c-1' },
    });
    expect(refund.id).toMatch(/^re_/);
    expect(await sandbox.stripe.refunds.retrieve(refund.id)).toEqual(refund);
  });

  it('refunds in parts, but never more than was paid', async () => {
    const paymentIntent = await paidPaymentIntent();
    await sandbox.stripe.refunds.create({ payment_intent: paymentIntent, amount: 1000 });
    const tooMuch = sandbox.stripe.refunds.create({ payment_intent: paymentIntent, amount: 3000 });
    await expect(tooMuch).rejects.toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount' });

    const rest = await sandbox.stripe.refunds.create({ payment_intent: paymentIntent });
    expect(rest.amount).toBe(2999);
    const again = sandbox.stripe.refunds.create({ payment_intent: paymentIntent, amount: 1 });
    await expect(again).rejects.toMatchObject({ statusCode: 400, code: 'charge_already_refunded' });
  });

  it('lets only one of two concurrent full refunds through', async () => {
    const paymentIntent = await paidPaymentIntent();
    const outcomes = await Promise.allSettled([
      sandbox.stripe.refunds.create({ payment_intent: paymentIntent }),
      sandbox.stripe.refunds.create({ payment_intent: paymentIntent }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
  });
});

describe('a refund the sandbox refuses', () => {
  it('answers an unknown payment intent with 400 invalid_request_error', async () => {
    const attempt = sandbox.stripe.refunds.create({ payment_intent: 'pi_doesnotexist' });
    await expect(attempt).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(attempt).rejects.toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'payment_intent' });
  });

  it('answers a declined (unpaid) payment intent with 400 invalid_request_error', async () => {
    const checkoutId = randomUUID();
    await sandbox.stripe.checkout.sessions.create(demoSessionParams(checkoutId, 'pm_card_chargeDeclined'));
    const [declined] = await eventually(async () => {
      const rows = await sandbox.app.get(DatabaseService).dataSource.query(
        `SELECT id FROM psp.payment_intents WHERE metadata->>'checkoutId' = $1`,
        [checkoutId],
      );
      return rows.length > 0 && rows;
    }, 5_000, 'declined payment intent');
    const attempt = sandbox.stripe.refunds.create({ payment_intent: declined.id });
    await expect(attempt).rejects.toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError', code: 'charge_not_refundable' });
  });

  it('answers an unknown refund id with 404 resource_missing', async () => {
    await expect(sandbox.stripe.refunds.retrieve('re_doesnotexist')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });
});
