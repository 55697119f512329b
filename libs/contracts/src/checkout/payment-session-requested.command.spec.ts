import { randomUUID } from 'node:crypto';
import { reasonsOf } from '../testing/reasons-of';
import { PaymentSessionRequested } from './payment-session-requested.command';

const request = {
  checkoutId: randomUUID(),
  amount: 3999,
  currency: 'GBP',
  paymentMethod: 'pm_card_visa',
  description: 'Demo Widget × 1',
};

describe('a PaymentSessionRequested message', () => {
  it('accepts a provider test payment method', () => {
    expect(PaymentSessionRequested.parse(request)).toEqual(request);
  });

  it('rejects a payment method outside [a-z0-9_]', () => {
    expect(reasonsOf(() => PaymentSessionRequested.parse({ ...request, paymentMethod: 'pm card' })))
      .toEqual(['paymentMethod: expected lower-case letters, digits or underscores']);
  });

  it('rejects a zero amount and a description over 200 characters', () => {
    const bad = { ...request, amount: 0, description: 'x'.repeat(201) };
    expect(reasonsOf(() => PaymentSessionRequested.parse(bad))).toEqual([
      'amount: expected a positive integer amount in minor units (3999 for 39.99)',
      'description: expected at most 200 characters',
    ]);
  });
});
