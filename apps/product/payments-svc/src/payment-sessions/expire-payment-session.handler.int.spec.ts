import { createEnvelope, PaymentSessionExpiryRequested } from '@checkout/contracts';
import { randomUUID } from 'node:crypto';
import { PaymentEntity } from '../payments/payment.entity';
import { type FakeSession, providerOutage } from '../testing/fake-provider-api';
import { seedPayment } from '../testing/payment-fixtures';
import { PaymentsAgainstFakeProvider, repliesTo } from '../testing/payments-against-fake-provider';

const expiryRequest = (payment: Pick<PaymentEntity, 'checkoutId' | 'id'>) =>
  createEnvelope(PaymentSessionExpiryRequested, { checkoutId: payment.checkoutId, paymentId: payment.id }, { correlationId: payment.checkoutId });

describe('a payment session the orchestrator asks to expire at its timeout', () => {
  let suite: PaymentsAgainstFakeProvider;
  beforeAll(async () => {
    suite = await PaymentsAgainstFakeProvider.start();
  });
  afterAll(() => suite?.close());

  /** A payment whose session the provider knows in `state`. */
  async function paymentAtProvider(state: Partial<FakeSession>): Promise<PaymentEntity> {
    const payment = await seedPayment(suite.payments.app);
    suite.provider.setSession(payment.providerSessionId, {
      status: 'open', payment_status: 'unpaid', payment_intent: null, amount_total: payment.amount, currency: 'gbp', ...state,
    });
    return payment;
  }
  const statusOf = async (payment: PaymentEntity) =>
    (await suite.payments.query<{ status: string }>('SELECT status FROM payments.payments WHERE id = $1', [payment.id]))[0].status;
  const expireCalls = (payment: PaymentEntity) =>
    suite.provider.requests.filter((r) => r.method === 'POST' && r.path === `/v1/checkout/sessions/${payment.providerSessionId}/expire`);

  it('closes an open session at the provider and replies PaymentSessionExpired: the saga may compensate', async () => {
    const payment = await paymentAtProvider({});
    const message = expiryRequest(payment);

    await suite.payments.publish(PaymentSessionExpiryRequested, message);

    expect(await repliesTo(suite.payments, payment.checkoutId)).toEqual([
      { type: 'PaymentSessionExpired', causationId: message.messageId, payload: { checkoutId: payment.checkoutId, paymentId: payment.id, paymentPending: false } },
    ]);
    expect(expireCalls(payment)).toHaveLength(1);
    expect(await statusOf(payment)).toBe('expired');
    expect(await suite.payments.providerCallsOf(payment.checkoutId)).toEqual([
      expect.objectContaining({ direction: 'to-provider', operation: 'POST /v1/checkout/sessions/:id/expire', providerReference: payment.providerSessionId }),
    ]);
  });

  it('completes the payment when the provider refuses because the customer had paid (the webhook never came)', async () => {
    const payment = await paymentAtProvider({ status: 'complete', payment_status: 'paid', payment_intent: 'pi_paid_during_outage' });
    const message = expiryRequest(payment);

    await suite.payments.publish(PaymentSessionExpiryRequested, message);

    expect(await repliesTo(suite.payments, payment.checkoutId)).toEqual([
      {
        type: 'PaymentCompleted',
        causationId: message.messageId,
        payload: { checkoutId: payment.checkoutId, paymentId: payment.id, providerPaymentId: 'pi_paid_during_outage', amount: 3999, currency: 'GBP' },
      },
    ]);
    expect(await statusOf(payment)).toBe('succeeded');
  });

  it('reports a payment still pending (session complete, unpaid) so the saga gives up and refunds it if it settles', async () => {
    const payment = await paymentAtProvider({ status: 'complete', payment_status: 'unpaid' });

    await suite.payments.publish(PaymentSessionExpiryRequested, expiryRequest(payment));

    const [reply] = await repliesTo(suite.payments, payment.checkoutId);
    expect(reply).toMatchObject({ type: 'PaymentSessionExpired', payload: { paymentPending: true } });
    // Still open to the success that may come: it will be recorded, and the saga refunds it.
    expect(await statusOf(payment)).toBe('session_created');
  });

  it('answers nothing for a payment that already succeeded: its PaymentCompleted is already on the way', async () => {
    const payment = await seedPayment(suite.payments.app, { status: 'succeeded', providerPaymentId: 'pi_done' });
    await suite.payments.publish(PaymentSessionExpiryRequested, expiryRequest(payment));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await suite.payments.outboxOf(payment.checkoutId)).toEqual([]);
    expect(expireCalls(payment)).toHaveLength(0);
  });

  it('retries while the provider is down, and changes nothing until it answers', async () => {
    const payment = await paymentAtProvider({});
    suite.provider.replyNext(providerOutage());

    await suite.payments.publish(PaymentSessionExpiryRequested, expiryRequest(payment));

    const [reply] = await repliesTo(suite.payments, payment.checkoutId);
    expect(reply).toMatchObject({ type: 'PaymentSessionExpired', payload: { paymentPending: false } });
    expect(expireCalls(payment)).toHaveLength(2);
  });

  it('says expired for a payment we never created: nobody can pay a session that does not exist', async () => {
    const stranger = { checkoutId: randomUUID(), id: randomUUID() };
    await suite.payments.publish(PaymentSessionExpiryRequested, expiryRequest(stranger));
    const [reply] = await repliesTo(suite.payments, stranger.checkoutId);
    expect(reply).toMatchObject({ type: 'PaymentSessionExpired', payload: { paymentPending: false } });
  });
});
