import { DatabaseService } from '@checkout/platform';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { PaymentEntity } from '../payments/payment.entity';
import { declinedAtProvider, newPayment, paidAtProvider, paymentFailedEvent, seedPayment, sessionCompletedEvent, signatureFor } from '../testing/payment-fixtures';
import { PaymentsAgainstFakeProvider } from '../testing/payments-against-fake-provider';

describe('the provider webhook, POST /webhooks/psp', () => {
  // The provider is asked whether a session was really paid before a payment changes.
  let suite: PaymentsAgainstFakeProvider;
  beforeAll(async () => {
    suite = await PaymentsAgainstFakeProvider.start();
  });
  afterAll(() => suite?.close());

  /** A completion event for `payment` that the provider, asked, confirms. */
  const confirmedCompletion = (payment: PaymentEntity, object: Record<string, unknown> = {}) => {
    const event = sessionCompletedEvent(payment, object);
    paidAtProvider(suite.provider, payment, event);
    return event;
  };

  const deliver = (event: unknown, sign: (body: string) => string = (body) => signatureFor(body)) => {
    const body = JSON.stringify(event);
    return request(suite.payments.app.getHttpServer())
      .post('/webhooks/psp')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', sign(body))
      .send(body);
  };
  const paymentOf = async (payment: PaymentEntity) =>
    (await suite.payments.query<{ status: string; provider_payment_id: string | null; failure_reason: string | null }>(
      'SELECT status, provider_payment_id, failure_reason FROM payments.payments WHERE id = $1',
      [payment.id],
    ))[0];
  const eventsStored = async (eventId: string) =>
    (await suite.payments.query('SELECT 1 FROM payments.provider_events WHERE event_id = $1', [eventId])).length;

  it('rejects a body whose signature does not match with 400, storing and changing nothing', async () => {
    const payment = await seedPayment(suite.payments.app);
    const event = sessionCompletedEvent(payment);

    const response = await deliver(event, (body) => signatureFor(body, 'whsec_not_the_providers_secret')).expect(400);

    expect(response.body).toMatchObject({ code: 'WEBHOOK.SIGNATURE_INVALID', message: expect.stringMatching(/^Webhook signature rejected: /) });
    expect(await eventsStored(event.id)).toBe(0);
    expect((await paymentOf(payment)).status).toBe('session_created');
    expect(await suite.payments.outboxOf(payment.checkoutId)).toEqual([]);
  });

  it('rejects a request without a signature header with 400', async () => {
    const event = sessionCompletedEvent(await seedPayment(suite.payments.app));
    await request(suite.payments.app.getHttpServer())
      .post('/webhooks/psp')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(event))
      .expect(400);
    expect(await eventsStored(event.id)).toBe(0);
  });

  describe('a completed checkout session', () => {
    it('marks the payment succeeded and enqueues exactly one PaymentCompleted with our amount, once the provider confirms it', async () => {
      const payment = await seedPayment(suite.payments.app, { amount: 3999, currency: 'GBP' });
      const event = confirmedCompletion(payment, { amount_total: 3999, currency: 'gbp' });

      const response = await deliver(event).expect(200);

      expect(response.body).toEqual({ received: true });
      const providerPaymentId = event.data.object.payment_intent;
      expect(await paymentOf(payment)).toMatchObject({ status: 'succeeded', provider_payment_id: providerPaymentId });
      expect(await suite.payments.outboxOf(payment.checkoutId)).toEqual([
        {
          type: 'PaymentCompleted',
          causationId: null,
          payload: { checkoutId: payment.checkoutId, paymentId: payment.id, providerPaymentId, amount: 3999, currency: 'GBP' },
        },
      ]);
    });

    it('has one effect when the same event is delivered twice, and says the second was a duplicate', async () => {
      const payment = await seedPayment(suite.payments.app);
      const event = confirmedCompletion(payment);

      await deliver(event).expect(200);
      const second = await deliver(event).expect(200);

      expect(second.body).toEqual({ received: true, duplicate: true });
      expect((await suite.payments.outboxOf(payment.checkoutId)).map((message) => message.type)).toEqual(['PaymentCompleted']);
      // Both deliveries are on record for the demo, the second marked as the duplicate it was.
      expect(await suite.payments.providerCallsOf(payment.checkoutId)).toEqual([
        { checkoutId: payment.checkoutId, direction: 'from-provider', operation: 'webhook checkout.session.completed', providerReference: event.id, duplicate: false },
        { checkoutId: payment.checkoutId, direction: 'from-provider', operation: 'webhook checkout.session.completed', providerReference: event.id, duplicate: true },
      ]);
    });

    it('records no provider call for a checkout nobody watches, and completes it all the same', async () => {
      const payment = await seedPayment(suite.payments.app, { watched: false });

      await deliver(confirmedCompletion(payment)).expect(200);

      expect((await paymentOf(payment)).status).toBe('succeeded');
      expect((await suite.payments.outboxOf(payment.checkoutId)).map((message) => message.type)).toEqual(['PaymentCompleted']);
      expect(await suite.payments.providerCallsOf(payment.checkoutId)).toEqual([]);
    });

    it('has one effect when two deliveries of the same event arrive at once', async () => {
      const payment = await seedPayment(suite.payments.app);
      const event = confirmedCompletion(payment);

      const responses = await Promise.all([deliver(event), deliver(event)]);

      expect(responses.map((response) => response.status)).toEqual([200, 200]);
      expect((await suite.payments.outboxOf(payment.checkoutId)).map((message) => message.type)).toEqual(['PaymentCompleted']);
    });

    it('waits for a session still being opened (its checkout locked) and then completes its payment', async () => {
      // Session creation holds the checkout's lock while it calls the provider and inserts the
      // payment: a webhook overtaking that commit must wait for it, not find no payment.
      const payment = newPayment({ watched: false });
      const { checkoutId } = payment;
      const event = confirmedCompletion(payment);
      const opening = suite.payments.app.get(DatabaseService).dataSource.createQueryRunner();
      await opening.connect();
      await opening.startTransaction();
      try {
        await opening.query(`SELECT pg_advisory_xact_lock(hashtext('payments:checkout:' || $1))`, [checkoutId]);
        const delivered = deliver(event).then((response) => response);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await opening.manager.getRepository(PaymentEntity).insert(payment);
        await opening.commitTransaction();
        expect((await delivered).status).toBe(200);
      } finally {
        await opening.release();
      }
      expect(await paymentOf(payment)).toMatchObject({ status: 'succeeded' });
    });

    it('changes nothing for a second completion event of a payment that already succeeded', async () => {
      const payment = await seedPayment(suite.payments.app);
      const first = confirmedCompletion(payment);
      await deliver(first).expect(200);
      await deliver(sessionCompletedEvent(payment, { payment_intent: first.data.object.payment_intent })).expect(200);
      // One naming another payment intent is refused outright: the provider named this payment's already.
      await deliver(sessionCompletedEvent(payment)).expect(422);
      expect((await suite.payments.outboxOf(payment.checkoutId)).map((message) => message.type)).toEqual(['PaymentCompleted']);
    });

    it('finds the payment by its provider session id when the metadata lacks our ids', async () => {
      const payment = await seedPayment(suite.payments.app);
      await deliver(confirmedCompletion(payment, { metadata: {} })).expect(200);
      expect((await paymentOf(payment)).status).toBe('succeeded');
    });
  });

  describe('a signed event that does not match what we created', () => {
    const rejections = async (reason: string) => {
      const text: string = (await request(suite.payments.app.getHttpServer()).get('/metrics')).text;
      const line = text.split('\n').find((l) => l.startsWith('provider_events_rejected_total') && l.includes(`reason="${reason}"`));
      return line ? Number(line.split(' ').pop()) : 0;
    };

    /** Nothing at all happened for this checkout: payment, outbox, provider-call rows. */
    const expectUntouched = async (payment: PaymentEntity) => {
      expect(await paymentOf(payment)).toMatchObject({ status: 'session_created', provider_payment_id: null });
      expect(await suite.payments.outboxOf(payment.checkoutId)).toEqual([]);
      expect(await suite.payments.providerCallsOf(payment.checkoutId)).toEqual([]);
    };

    it('ignores a session id we never created, even when it names a real checkout and payment (200: no retry can make it ours)', async () => {
      const victim = await seedPayment(suite.payments.app);
      const forged = sessionCompletedEvent({ ...victim, providerSessionId: `cs_${randomUUID().replace(/-/g, '')}` });
      const before = await rejections('unknown_payment');

      const response = await deliver(forged).expect(200);

      expect(response.body).toEqual({ received: true, ignored: 'unknown_payment' });
      await expectUntouched(victim);
      expect(await eventsStored(forged.id)).toBe(0);
      expect(await rejections('unknown_payment')).toBe(before + 1);
    });

    it("refuses one checkout's session carrying another checkout's payment id: neither payment changes", async () => {
      const [x, y] = [await seedPayment(suite.payments.app), await seedPayment(suite.payments.app)];
      const crossed = confirmedCompletion(x, { metadata: { checkoutId: x.checkoutId, paymentId: y.id } });
      const before = await rejections('payment_mismatch');

      const response = await deliver(crossed).expect(422);

      expect(response.body).toMatchObject({ code: 'WEBHOOK.EVENT_REJECTED', message: expect.stringContaining('payment_mismatch') });
      await expectUntouched(x);
      await expectUntouched(y);
      expect(await eventsStored(crossed.id)).toBe(0);
      expect(await rejections('payment_mismatch')).toBe(before + 1);
    });

    it("refuses a session naming another checkout in its metadata", async () => {
      const [x, y] = [await seedPayment(suite.payments.app), await seedPayment(suite.payments.app)];
      await deliver(confirmedCompletion(x, { metadata: { checkoutId: y.checkoutId, paymentId: x.id } })).expect(422);
      await expectUntouched(x);
      await expectUntouched(y);
    });

    it('refuses an event claiming another amount or currency than we asked for', async () => {
      const payment = await seedPayment(suite.payments.app, { amount: 3999, currency: 'GBP' });
      await deliver(confirmedCompletion(payment, { amount_total: 1 })).expect(422);
      await deliver(confirmedCompletion(payment, { currency: 'usd' })).expect(422);
      await expectUntouched(payment);
    });

    it('refuses a paid event for a session the provider, asked directly, does not call paid', async () => {
      const payment = await seedPayment(suite.payments.app);
      suite.provider.setSession(payment.providerSessionId, {
        status: 'open', payment_status: 'unpaid', payment_intent: null, amount_total: payment.amount, currency: 'gbp',
      });
      const before = await rejections('not_paid_at_provider');

      await deliver(sessionCompletedEvent(payment)).expect(422);

      await expectUntouched(payment);
      expect(await rejections('not_paid_at_provider')).toBe(before + 1);
      const asked = suite.provider.requests.filter((r) => r.method === 'GET' && r.path === `/v1/checkout/sessions/${payment.providerSessionId}`);
      expect(asked).toHaveLength(1);
    });

    it('answers 503 with Retry-After when the provider cannot be asked, storing nothing, so its retry applies the event', async () => {
      const payment = await seedPayment(suite.payments.app);
      const event = sessionCompletedEvent(payment);
      suite.provider.replyNext({ status: 500, body: { error: { type: 'api_error', message: 'down' } }, headers: { 'Stripe-Should-Retry': 'false' } });

      const response = await deliver(event).expect(503);

      expect(response.headers['retry-after']).toBe('5');
      expect(response.body).toMatchObject({ code: 'WEBHOOK.PROVIDER_UNAVAILABLE' });
      await expectUntouched(payment);
      expect(await eventsStored(event.id)).toBe(0);

      paidAtProvider(suite.provider, payment, event);
      await deliver(event).expect(200);
      expect((await paymentOf(payment)).status).toBe('succeeded');
    });
  });

  describe('a declined payment', () => {
    it('marks the payment failed with the reason and enqueues PaymentFailed with the decline code', async () => {
      const payment = await seedPayment(suite.payments.app, { paymentMethod: 'pm_card_chargeDeclined' });
      const event = paymentFailedEvent(payment, 'generic_decline');
      declinedAtProvider(suite.provider, payment, event);

      await deliver(event).expect(200);

      expect(await paymentOf(payment)).toMatchObject({ status: 'failed', failure_reason: 'payment declined: Your card was declined.' });
      expect(await suite.payments.outboxOf(payment.checkoutId)).toEqual([
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

    it("is refused when it names another checkout than its payment's", async () => {
      const [x, y] = [await seedPayment(suite.payments.app), await seedPayment(suite.payments.app)];
      const crossed = paymentFailedEvent(x);
      crossed.data.object.metadata = { checkoutId: y.checkoutId, paymentId: x.id };
      await deliver(crossed).expect(422);
      expect((await paymentOf(x)).status).toBe('session_created');
      expect((await paymentOf(y)).status).toBe('session_created');
    });

    it('is refused, changing nothing, when the provider does not call that intent declined for this payment', async () => {
      const payment = await seedPayment(suite.payments.app);
      const forged = paymentFailedEvent(payment);
      suite.provider.setIntent(forged.data.object.id, { status: 'succeeded', metadata: { paymentId: payment.id } });
      const unknown = paymentFailedEvent(payment); // an intent the provider never heard of

      const response = await deliver(forged).expect(422);

      expect(response.body).toMatchObject({ message: expect.stringContaining('not_declined_at_provider') });
      await deliver(unknown).expect(422);
      expect((await paymentOf(payment)).status).toBe('session_created');
      expect(await suite.payments.outboxOf(payment.checkoutId)).toEqual([]);
    });

    it('is ignored once the payment has succeeded', async () => {
      const payment = await seedPayment(suite.payments.app, { status: 'succeeded', providerPaymentId: 'pi_paid' });
      await deliver(paymentFailedEvent(payment)).expect(200);
      expect((await paymentOf(payment)).status).toBe('succeeded');
      expect(await suite.payments.outboxOf(payment.checkoutId)).toEqual([]);
    });
  });

  it('answers 200 for an event about a payment we do not know, and stores and enqueues nothing', async () => {
    const stranger = { id: randomUUID(), checkoutId: randomUUID(), providerSessionId: 'cs_unknown', paymentMethod: 'pm_card_visa' };
    const event = sessionCompletedEvent(stranger);

    const response = await deliver(event).expect(200);

    expect(response.body).toEqual({ received: true, ignored: 'unknown_payment' });
    expect(await eventsStored(event.id)).toBe(0);
    expect(await suite.payments.outboxOf(stranger.checkoutId)).toEqual([]);
  });

  it('stores and otherwise ignores an event type it does not act on', async () => {
    const event = { id: `evt_${randomUUID()}`, type: 'charge.refund.updated', data: { object: { id: 're_1' } } };
    await deliver(event).expect(200);
    expect(await eventsStored(event.id)).toBe(1);
  });

  it('refuses a correctly signed but malformed event with 400, storing nothing', async () => {
    const payment = await seedPayment(suite.payments.app);
    const event = sessionCompletedEvent(payment, { payment_intent: 42 });

    const response = await deliver(event).expect(400);

    expect(response.body).toMatchObject({ code: 'WEBHOOK.EVENT_INVALID', details: [expect.stringMatching(/^data\.object\.payment_intent: /)] });
    expect(await eventsStored(event.id)).toBe(0);
    expect((await paymentOf(payment)).status).toBe('session_created');
  });
});
