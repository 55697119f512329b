import { createEnvelope, PaymentSessionRequested } from '@checkout/contracts';
import { DatabaseService } from '@checkout/platform';
import { eventually } from '@checkout/platform/testing';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import request from 'supertest';
import { paymentIdFor } from '../payments/payment-id';
import { invalidRequest, providerOutage } from '../testing/fake-provider-api';
import { sessionCompletedEvent, signatureFor } from '../testing/payment-fixtures';
import { PaymentsAgainstFakeProvider, repliesTo } from '../testing/payments-against-fake-provider';
import { CreatePaymentSessionHandler } from './create-payment-session.handler';

const SESSIONS = '/v1/checkout/sessions';

function sessionRequest(checkoutId: string = randomUUID(), overrides: Partial<PaymentSessionRequested> = {}) {
  const payload = { checkoutId, amount: 3999, currency: 'GBP', paymentMethod: 'pm_card_visa', description: 'Demo Widget × 1', watched: true as const, ...overrides };
  return createEnvelope(PaymentSessionRequested, payload, { correlationId: checkoutId });
}

describe('a payment session requested by the orchestrator', () => {
  let suite: PaymentsAgainstFakeProvider;
  beforeAll(async () => {
    suite = await PaymentsAgainstFakeProvider.start();
  });
  afterAll(() => suite?.close());

  const requestsFor = (checkoutId: string) =>
    suite.provider.requestsTo(SESSIONS).filter((request) => request.form['client_reference_id'] === checkoutId);

  it('opens a Checkout Session for the priced amount and replies PaymentSessionCreated with the provider session id', async () => {
    const message = sessionRequest();
    const { checkoutId } = message.payload;

    await suite.payments.publish(PaymentSessionRequested, message);
    const [reply] = await repliesTo(suite.payments, checkoutId);

    const [sent] = requestsFor(checkoutId);
    const [payment] = await suite.payments.query<{ id: string; status: string; amount: number; provider_session_id: string }>(
      'SELECT id, status, amount, provider_session_id FROM payments.payments WHERE checkout_id = $1',
      [checkoutId],
    );
    expect(sent.headers['idempotency-key']).toBe(`checkout-session-${checkoutId}`);
    expect(sent.headers['authorization']).toBe('Bearer sk_test_sandbox_local_only_0000');
    expect(sent.form).toMatchObject({
      mode: 'payment',
      client_reference_id: checkoutId,
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][unit_amount]': '3999',
      'line_items[0][price_data][currency]': 'gbp',
      'line_items[0][price_data][product_data][name]': 'Demo Widget × 1',
      'metadata[checkoutId]': checkoutId,
      'metadata[paymentId]': payment.id,
      'metadata[payment_method]': 'pm_card_visa',
      'payment_intent_data[metadata][checkoutId]': checkoutId,
      'payment_intent_data[metadata][paymentId]': payment.id,
    });
    expect(sent.form['success_url']).toMatch(/^http:\/\/127\.0\.0\.1:3000\/\?checkout=.*&payment=success$/);
    expect(payment).toMatchObject({ status: 'session_created', amount: 3999 });
    expect(reply).toEqual({
      type: 'PaymentSessionCreated',
      causationId: message.messageId,
      payload: { checkoutId, paymentId: payment.id, providerSessionId: payment.provider_session_id, expiresAt: expect.any(String) },
    });
    expect(payment.provider_session_id).toMatch(/^cs_test_fake_/);
    expect(Date.parse(reply.payload['expiresAt'] as string)).toBeGreaterThan(Date.now());
    expect(await suite.payments.providerCallsOf(checkoutId)).toEqual([
      { checkoutId, direction: 'to-provider', operation: 'POST /v1/checkout/sessions', providerReference: payment.provider_session_id, duplicate: false },
    ]);
  });

  it('records no provider call for a checkout nobody watches, and remembers that for the calls to come', async () => {
    const message = sessionRequest(randomUUID(), { watched: undefined }); // as for an API checkout: no flag
    const { checkoutId } = message.payload;

    await suite.payments.publish(PaymentSessionRequested, message);

    expect((await repliesTo(suite.payments, checkoutId)).map((reply) => reply.type)).toEqual(['PaymentSessionCreated']);
    expect(requestsFor(checkoutId)).toHaveLength(1);
    expect(await suite.payments.providerCallsOf(checkoutId)).toEqual([]);
    expect(await suite.payments.query('SELECT watched FROM payments.payments WHERE checkout_id = $1', [checkoutId])).toEqual([{ watched: false }]);
  });

  it('replies PaymentSessionFailed with a short reason when the provider refuses the request, and keeps no payment', async () => {
    const message = sessionRequest();
    suite.provider.replyNext(invalidRequest(400, 'amount_too_small', 'Amount must be at least £0.30 gbp'));

    await suite.payments.publish(PaymentSessionRequested, message);

    expect(await repliesTo(suite.payments, message.payload.checkoutId)).toEqual([
      {
        type: 'PaymentSessionFailed',
        causationId: message.messageId,
        payload: { checkoutId: message.payload.checkoutId, reason: 'the payment provider rejected the request (amount_too_small)' },
      },
    ]);
    expect(await suite.payments.query('SELECT 1 FROM payments.payments WHERE checkout_id = $1', [message.payload.checkoutId])).toEqual([]);
  });

  it('throws when the provider is down (5xx), so that its transaction rolls back and nothing is replied', async () => {
    const message = sessionRequest();
    suite.provider.replyNext(providerOutage());
    const handler = suite.payments.app.get(CreatePaymentSessionHandler);

    const attempt = suite.payments.app.get(DatabaseService).dataSource.transaction((tx) => handler.handle(message, tx));

    await expect(attempt).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(await suite.payments.outboxOf(message.payload.checkoutId)).toEqual([]);
  });

  it('is retried through the broker until the provider recovers, under one idempotency key', async () => {
    const message = sessionRequest();
    suite.provider.replyNext(providerOutage(), 2);

    await suite.payments.publish(PaymentSessionRequested, message);

    expect((await repliesTo(suite.payments, message.payload.checkoutId)).map((reply) => reply.type)).toEqual(['PaymentSessionCreated']);
    const attempts = requestsFor(message.payload.checkoutId);
    expect(attempts).toHaveLength(3);
    const keys = new Set(attempts.map((request) => request.headers['idempotency-key']));
    expect(keys).toEqual(new Set([`checkout-session-${message.payload.checkoutId}`]));
  });

  it('answers a repeated request for the same checkout with the same session and no second provider call', async () => {
    const first = sessionRequest();
    const again = sessionRequest(first.payload.checkoutId);

    await suite.payments.publish(PaymentSessionRequested, first);
    await repliesTo(suite.payments, first.payload.checkoutId);
    await suite.payments.publish(PaymentSessionRequested, again);
    const replies = await repliesTo(suite.payments, first.payload.checkoutId, 2);

    expect(requestsFor(first.payload.checkoutId)).toHaveLength(1);
    expect(replies.map((reply) => reply.causationId)).toEqual([first.messageId, again.messageId]);
    expect(replies[1].payload).toEqual(replies[0].payload);
  });

  it('names the product "Checkout" when the order has no description', async () => {
    const message = sessionRequest(randomUUID(), { description: '' });
    await suite.payments.publish(PaymentSessionRequested, message);
    await repliesTo(suite.payments, message.payload.checkoutId);
    expect(requestsFor(message.payload.checkoutId)[0].form['line_items[0][price_data][product_data][name]']).toBe('Checkout');
  });

  it('makes a webhook that arrives before the session commits wait for it, so the payment completes instead of being lost', async () => {
    const message = sessionRequest();
    const { checkoutId } = message.payload;
    suite.provider.holdNext(500); // the session is open at the provider, our transaction not yet committed

    await suite.payments.publish(PaymentSessionRequested, message);
    await eventually(() => requestsFor(checkoutId).length === 1, 10_000, 'the provider was asked');
    const paymentId = paymentIdFor(checkoutId);
    const providerSessionId = suite.provider.sessionIdOf(checkoutId) ?? 'the fake opened no session';
    const event = sessionCompletedEvent({ id: paymentId, checkoutId, providerSessionId, paymentMethod: 'pm_card_visa' });
    const paid = { status: 'complete', payment_status: 'paid', payment_intent: event.data.object.payment_intent } as const;
    suite.provider.setSession(providerSessionId, { ...paid, amount_total: message.payload.amount, currency: message.payload.currency.toLowerCase() });
    const body = JSON.stringify(event);
    const webhook = await request(suite.payments.app.getHttpServer())
      .post('/webhooks/psp')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', signatureFor(body))
      .send(body);

    expect(webhook.status).toBe(200);
    expect((await suite.payments.outboxOf(checkoutId)).map((reply) => reply.type)).toEqual(['PaymentSessionCreated', 'PaymentCompleted']);
  });
});
