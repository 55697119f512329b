import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { PaymentEntity } from '../payments/payment.entity';
import { paymentFailedEvent, seedPayment, sessionCompletedEvent, signatureFor } from '../testing/payment-fixtures';
import { PaymentsTestApp } from '../testing/payments-test-app';

describe('the provider webhook, POST /webhooks/psp', () => {
  let payments: PaymentsTestApp;

  beforeAll(async () => {
    // Nothing here calls the provider; the URL only has to be valid.
    payments = await PaymentsTestApp.start('http://127.0.0.1:9');
  });

  afterAll(() => payments.close());

  const deliver = (event: unknown, sign: (body: string) => string = (body) => signatureFor(body)) => {
    const body = JSON.stringify(event);
    return request(payments.app.getHttpServer())
      .post('/webhooks/psp')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', sign(body))
      .send(body);
  };
  const paymentOf = async (payment: PaymentEntity) =>
    (await payments.query<{ status: string; provider_payment_id: string | null; failure_reason: string | null }>(
      'SELECT status, provider_payment_id, failure_reason FROM payments.payments WHERE id = $1',
      [payment.id],
    ))[0];
  const eventsStored = async (eventId: string) =>
    (await payments.query('SELECT 1 FROM payments.provider_events WHERE event_id = $1', [eventId])).length;

  it('rejects a body whose signature does not match with 400, storing and changing nothing', async () => {
    const payment = await seedPayment(payments.app);
    const event = sessionCompletedEvent(payment);

    const response = await deliver(event, (body) => signatureFor(body, 'whsec_not_the_providers_secret')).expect(400);

    expect(response.body).toMatchObject({ code: 'WEBHOOK.SIGNATURE_INVALID', message: expect.stringMatching(/^Webhook signature rejected: /) });
    expect(await eventsStored(event.id)).toBe(0);
    expect((await paymentOf(payment)).status).toBe('session_created');
    expect(await payments.outboxOf(payment.checkoutId)).toEqual([]);
  });

  it('rejects a request without a signature header with 400', async () => {
    const event = sessionCompletedEvent(await seedPayment(payments.app));
    await request(payments.app.getHttpServer())
      .post('/webhooks/psp')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(event))
      .expect(400);
    expect(await eventsStored(event.id)).toBe(0);
  });

  describe('a completed checkout session', () => {
    it('marks the payment succeeded and enqueues exactly one PaymentCompleted with our amount, whatever the event claims', async () => {
      const payment = await seedPayment(payments.app, { amount: 3999, currency: 'GBP' });
      const event = sessionCompletedEvent(payment, { amount_total: 1, currency: 'usd' });

      const response = await deliver(event).expect(200);

      expect(response.body).toEqual({ received: true });
      const providerPaymentId = event.data.object.payment_intent;
      expect(await paymentOf(payment)).toMatchObject({ status: 'succeeded', provider_payment_id: providerPaymentId });
      expect(await payments.outboxOf(payment.checkoutId)).toEqual([
        {
          type: 'PaymentCompleted',
          causationId: null,
          payload: { checkoutId: payment.checkoutId, paymentId: payment.id, providerPaymentId, amount: 3999, currency: 'GBP' },
        },
      ]);
    });

    it('has one effect when the same event is delivered twice, and says the second was a duplicate', async () => {
      const payment = await seedPayment(payments.app);
      const event = sessionCompletedEvent(payment);

      await deliver(event).expect(200);
      const second = await deliver(event).expect(200);

      expect(second.body).toEqual({ received: true, duplicate: true });
      expect((await payments.outboxOf(payment.checkoutId)).map((message) => message.type)).toEqual(['PaymentCompleted']);
      // Both deliveries are on record for the demo, the second marked as the duplicate it was.
      expect(await payments.providerCallsOf(payment.checkoutId)).toEqual([
        { checkoutId: payment.checkoutId, direction: 'from-provider', operation: 'webhook checkout.session.completed', providerReference: event.id, duplicate: false },
        { checkoutId: payment.checkoutId, direction: 'from-provider', operation: 'webhook checkout.session.completed', providerReference: event.id, duplicate: true },
      ]);
    });

    it('has one effect when two deliveries of the same event arrive at once', async () => {
      const payment = await seedPayment(payments.app);
      const event = sessionCompletedEvent(payment);

      const responses = await Promise.all([deliver(event), deliver(event)]);

      expect(responses.map((response) => response.status)).toEqual([200, 200]);
      expect((await payments.outboxOf(payment.checkoutId)).map((message) => message.type)).toEqual(['PaymentCompleted']);
    });

    it('changes nothing for a second, different completion event of a payment that already succeeded', async () => {
      const payment = await seedPayment(payments.app);
      await deliver(sessionCompletedEvent(payment)).expect(200);
      await deliver(sessionCompletedEvent(payment)).expect(200);
      expect((await payments.outboxOf(payment.checkoutId)).map((message) => message.type)).toEqual(['PaymentCompleted']);
    });

    it('finds the payment by its provider session id when the metadata lacks our ids', async () => {
      const payment = await seedPayment(payments.app);
      await deliver(sessionCompletedEvent(payment, { metadata: {} })).expect(200);
      expect((await paymentOf(payment)).status).toBe('succeeded');
    });
  });

  describe('a declined payment', () => {
    it('marks the payment failed with the reason and enqueues PaymentFailed with the decline code', async () => {
      const payment = await seedPayment(payments.app, { paymentMethod: 'pm_card_chargeDeclined' });

      await deliver(paymentFailedEvent(payment, 'generic_decline')).expect(200);

      expect(await paymentOf(payment)).toMatchObject({ status: 'failed', failure_reason: 'payment declined: Your card was declined.' });
      expect(await payments.outboxOf(payment.checkoutId)).toEqual([
        {
          type: 'PaymentFailed',
          causationId: null,
          payload: {
            checkoutId: payment.checkoutId,
            paymentId: payment.id,
            reason: 'payment declined: Your card was declined.',
            declineCode: 'generic_decline',
          },
        },
      ]);
    });

    it('is ignored once the payment has succeeded', async () => {
      const payment = await seedPayment(payments.app, { status: 'succeeded', providerPaymentId: 'pi_paid' });
      await deliver(paymentFailedEvent(payment)).expect(200);
      expect((await paymentOf(payment)).status).toBe('succeeded');
      expect(await payments.outboxOf(payment.checkoutId)).toEqual([]);
    });
  });

  it('answers 200 for an event about a payment we do not know, stores its id and enqueues nothing', async () => {
    const stranger = { id: randomUUID(), checkoutId: randomUUID(), providerSessionId: 'cs_unknown', paymentMethod: 'pm_card_visa' };
    const event = sessionCompletedEvent(stranger);

    const response = await deliver(event).expect(200);

    expect(response.body).toEqual({ received: true });
    expect(await eventsStored(event.id)).toBe(1);
    expect(await payments.outboxOf(stranger.checkoutId)).toEqual([]);
  });

  it('stores and otherwise ignores an event type it does not act on', async () => {
    const event = { id: `evt_${randomUUID()}`, type: 'charge.refund.updated', data: { object: { id: 're_1' } } };
    await deliver(event).expect(200);
    expect(await eventsStored(event.id)).toBe(1);
  });

  it('refuses a correctly signed but malformed event with 400, storing nothing', async () => {
    const payment = await seedPayment(payments.app);
    const event = sessionCompletedEvent(payment, { payment_intent: 42 });

    const response = await deliver(event).expect(400);

    expect(response.body).toMatchObject({ code: 'WEBHOOK.EVENT_INVALID', details: [expect.stringMatching(/^data\.object\.payment_intent: /)] });
    expect(await eventsStored(event.id)).toBe(0);
    expect((await paymentOf(payment)).status).toBe('session_created');
  });
});
