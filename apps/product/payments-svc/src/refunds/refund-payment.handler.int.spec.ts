import { createEnvelope, RefundRequested } from '@checkout/contracts';
import { randomUUID } from 'node:crypto';
import { PaymentEntity } from '../payments/payment.entity';
import { invalidRequest } from '../testing/fake-provider-api';
import { seedPayment } from '../testing/payment-fixtures';
import { PaymentsAgainstFakeProvider, repliesTo } from '../testing/payments-against-fake-provider';

const REFUNDS = '/v1/refunds';

/** The orchestrator's request; the amount it names is deliberately not the one we charged. */
function refundRequest(payment: PaymentEntity) {
  const { checkoutId, id: paymentId } = payment;
  const payload = { checkoutId, paymentId, amount: 1, currency: 'GBP', reason: 'paid after the checkout timed out' };
  return createEnvelope(RefundRequested, payload, { correlationId: payment.checkoutId });
}

describe('a refund requested by the orchestrator', () => {
  let suite: PaymentsAgainstFakeProvider;
  beforeAll(async () => {
    suite = await PaymentsAgainstFakeProvider.start();
  });
  afterAll(() => suite?.close());

  const paidPayment = () =>
    seedPayment(suite.payments.app, { status: 'succeeded', providerPaymentId: `pi_${randomUUID().replace(/-/g, '')}` });
  const requestsFor = (payment: PaymentEntity) =>
    suite.provider.requestsTo(REFUNDS).filter((request) => request.form['metadata[paymentId]'] === payment.id);
  const statusOf = async (payment: PaymentEntity) =>
    (await suite.payments.query<{ status: string }>('SELECT status FROM payments.payments WHERE id = $1', [payment.id]))[0].status;

  it('refunds our own recorded amount of a paid payment and replies PaymentRefunded', async () => {
    const payment = await paidPayment();
    const message = refundRequest(payment);

    await suite.payments.publish(RefundRequested, message);
    const [reply] = await repliesTo(suite.payments, payment.checkoutId);

    const [sent] = requestsFor(payment);
    expect(sent.headers['idempotency-key']).toBe(`refund-${payment.id}`);
    expect(sent.form).toMatchObject({ payment_intent: payment.providerPaymentId, amount: '3999', 'metadata[checkoutId]': payment.checkoutId });
    expect(reply).toEqual({
      type: 'PaymentRefunded',
      causationId: message.messageId,
      payload: {
        checkoutId: payment.checkoutId,
        paymentId: payment.id,
        refundId: expect.stringMatching(/^re_test_fake_/),
        amount: 3999,
        currency: 'GBP',
      },
    });
    expect(await statusOf(payment)).toBe('refunded');
    const refunds = await suite.payments.query('SELECT amount, provider_refund_id FROM payments.refunds WHERE payment_id = $1', [payment.id]);
    expect(refunds).toEqual([{ amount: 3999, provider_refund_id: reply.payload['refundId'] }]);
  });

  it('answers a repeated request for a refunded payment with the same refund and no second provider call', async () => {
    const payment = await paidPayment();
    await suite.payments.publish(RefundRequested, refundRequest(payment));
    await repliesTo(suite.payments, payment.checkoutId);

    await suite.payments.publish(RefundRequested, refundRequest(payment));
    const replies = await repliesTo(suite.payments, payment.checkoutId, 2);

    expect(requestsFor(payment)).toHaveLength(1);
    expect(replies.map((reply) => reply.type)).toEqual(['PaymentRefunded', 'PaymentRefunded']);
    expect(replies[1].payload).toEqual(replies[0].payload);
  });

  it('replies RefundFailed for a payment that was never taken, without asking the provider', async () => {
    const payment = await seedPayment(suite.payments.app, { status: 'session_created' });

    await suite.payments.publish(RefundRequested, refundRequest(payment));

    expect(await repliesTo(suite.payments, payment.checkoutId)).toEqual([
      {
        type: 'RefundFailed',
        causationId: expect.any(String),
        payload: { checkoutId: payment.checkoutId, paymentId: payment.id, reason: 'the payment was never taken (session_created)' },
      },
    ]);
    expect(requestsFor(payment)).toEqual([]);
    expect(await statusOf(payment)).toBe('session_created');
  });

  it("replies RefundFailed for another checkout's payment, without asking the provider or touching it", async () => {
    const payment = await paidPayment();
    const otherCheckoutId = randomUUID();

    await suite.payments.publish(RefundRequested, refundRequest({ ...payment, checkoutId: otherCheckoutId }));

    expect(await repliesTo(suite.payments, otherCheckoutId)).toEqual([
      {
        type: 'RefundFailed',
        causationId: expect.any(String),
        payload: { checkoutId: otherCheckoutId, paymentId: payment.id, reason: 'no such payment for this checkout' },
      },
    ]);
    expect(requestsFor(payment)).toEqual([]);
    expect(await statusOf(payment)).toBe('succeeded');
  });

  it('replies RefundFailed when the provider refuses the refund for good, and keeps the payment succeeded', async () => {
    const payment = await paidPayment();
    suite.provider.replyNext(invalidRequest(400, 'charge_already_refunded', 'Charge has already been refunded.'));

    await suite.payments.publish(RefundRequested, refundRequest(payment));

    const [reply] = await repliesTo(suite.payments, payment.checkoutId);
    expect(reply).toMatchObject({
      type: 'RefundFailed',
      payload: { reason: 'the payment provider rejected the request (charge_already_refunded)' },
    });
    expect(await statusOf(payment)).toBe('succeeded');
  });
});
