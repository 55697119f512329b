import { randomUUID } from 'node:crypto';
import { createEnvelope } from '../envelope/create-envelope';
import { reasonsOf } from '../testing/reasons-of';
import { CheckoutTransitioned } from './checkout-transitioned.event';
import { PaymentSessionRequested } from './payment-session-requested.command';
import { StockReserved } from './stock-reserved.event';

const checkoutId = randomUUID();
const reserved = createEnvelope(
  StockReserved,
  { checkoutId, reservationId: randomUUID(), lines: [{ sku: 'DEMO-WIDGET', name: 'Demo Widget', qty: 1, unitAmount: 3999 }], amount: 3999, currency: 'GBP' },
  { correlationId: checkoutId },
);
const sessionRequest = createEnvelope(
  PaymentSessionRequested,
  { checkoutId, amount: 3999, currency: 'GBP', paymentMethod: 'pm_card_visa', description: '1 × Demo Widget', watched: true },
  { correlationId: checkoutId, causationId: reserved.messageId },
);
// What the wire carries: JSON, not the objects that were enqueued.
const step = JSON.parse(
  JSON.stringify({
    checkoutId,
    from: 'Initiated',
    to: 'StockReserved',
    event: 'StockReserved',
    compensation: false,
    at: new Date().toISOString(),
    causedBy: reserved,
    sent: [sessionRequest],
  }),
);

describe('a CheckoutTransitioned message', () => {
  it('carries the step, the message that caused it and the messages it sent, whole', () => {
    expect(CheckoutTransitioned.parse(step)).toEqual(step);
  });

  it('accepts a first step, and a step no message caused (a timer, an operator)', () => {
    expect(() => CheckoutTransitioned.parse({ ...step, from: null, to: 'Initiated', event: 'CheckoutRequested', causedBy: null })).not.toThrow();
  });

  it('refuses a cause or a sent message that is not a message envelope', () => {
    const { traceparent: _traceparent, ...untraced } = reserved;
    expect(reasonsOf(() => CheckoutTransitioned.parse({ ...step, causedBy: untraced, sent: [{ ...sessionRequest, extra: 1 }] }))).toEqual([
      'causedBy.traceparent: is required',
      'sent.0.extra: unknown field',
    ]);
  });

  it('is read by the edge alone', () => {
    expect(CheckoutTransitioned.consumers).toEqual(['bff-web']);
  });
});
