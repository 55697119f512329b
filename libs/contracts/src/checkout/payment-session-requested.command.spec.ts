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

  it('rejects a payment method that is not a pm_ id', () => {
    expect(reasonsOf(() => PaymentSessionRequested.parse({ ...request, paymentMethod: 'pm card' })))
      .toEqual(['paymentMethod: expected a payment method id such as pm_card_visa']);
  });

  it("accepts Stripe's mixed-case test payment method ids", () => {
    const declined = { ...request, paymentMethod: 'pm_card_chargeDeclined' };
    expect(PaymentSessionRequested.parse(declined)).toEqual(declined);
  });

  it('says a visitor watches the checkout only when one does: a request without the flag is unwatched, as before it existed', () => {
    expect(PaymentSessionRequested.parse({ ...request, watched: true })).toEqual({ ...request, watched: true });
    expect(reasonsOf(() => PaymentSessionRequested.parse({ ...request, watched: false }))).toEqual(['watched: expected true']);
  });

  it('rejects a zero amount and a description over 200 characters', () => {
    const bad = { ...request, amount: 0, description: 'x'.repeat(201) };
    expect(reasonsOf(() => PaymentSessionRequested.parse(bad))).toEqual([
      'amount: expected a positive integer amount in minor units (3999 for 39.99)',
      'description: expected at most 200 characters',
    ]);
  });
});
