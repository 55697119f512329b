import { randomUUID } from 'node:crypto';
import { parseProviderEvent } from './provider-event.schema';
import { WebhookEventInvalidError } from './webhook.errors';

const checkoutId = randomUUID();
const paymentId = randomUUID();
const read = (event: unknown) => parseProviderEvent(event);

const completed = (object: Record<string, unknown>) => ({
  id: 'evt_1',
  type: 'checkout.session.completed',
  data: { object: { id: 'cs_1', payment_status: 'paid', payment_intent: 'pi_1', metadata: { checkoutId, paymentId }, ...object } },
});

describe('reading a provider event', () => {
  it('reads a paid Checkout Session with our ids from its metadata', () => {
    expect(read(completed({ amount_total: 1 }))).toEqual({
      id: 'evt_1',
      type: 'checkout.session.completed',
      kind: 'session_paid',
      session: { sessionId: 'cs_1', providerPaymentId: 'pi_1', amount: 1, currency: null, metadata: { checkoutId, paymentId } },
    });
  });

  it('ignores a completed session that is not paid yet (an asynchronous payment method)', () => {
    expect(read(completed({ payment_status: 'unpaid', payment_intent: null })).kind).toBe('ignored');
  });

  it('reads a failed payment with its decline code and message', () => {
    const event = {
      id: 'evt_2',
      type: 'payment_intent.payment_failed',
      data: {
        object: {
          id: 'pi_2',
          metadata: { checkoutId, paymentId },
          last_payment_error: { decline_code: 'generic_decline', message: 'Your card was declined.' },
        },
      },
    };
    expect(read(event)).toMatchObject({
      kind: 'payment_failed',
      payment: {
        providerPaymentId: 'pi_2',
        declineCode: 'generic_decline',
        message: 'Your card was declined.',
        metadata: { checkoutId, paymentId },
      },
    });
  });

  it('ignores event types it does not act on without looking at their object', () => {
    const event = { id: 'evt_3', type: 'charge.succeeded', data: { object: 'anything' } };
    expect(read(event)).toEqual({ id: 'evt_3', type: 'charge.succeeded', kind: 'ignored' });
  });

  it('keeps metadata values it did not mint as they are, so that they are compared and refused, not ignored', () => {
    const event = read(completed({ metadata: { checkoutId: 'order-42', paymentId, foo: 'bar' } }));
    expect(event.kind === 'session_paid' && event.session.metadata).toEqual({ checkoutId: 'order-42', paymentId });
  });

  it.each([
    ['an event without an id', { type: 'x', data: { object: {} } }, [expect.stringMatching(/^id: /)]],
    ['a paid session without a payment intent', completed({ payment_intent: null }), ['data.object.payment_intent: required when paid']],
  ])('refuses %s, naming the problem', (_case, body, details) => {
    try {
      parseProviderEvent(body);
      throw new Error('expected a WebhookEventInvalidError');
    } catch (error) {
      expect(error).toBeInstanceOf(WebhookEventInvalidError);
      expect((error as WebhookEventInvalidError).details).toEqual(details);
    }
  });
});
