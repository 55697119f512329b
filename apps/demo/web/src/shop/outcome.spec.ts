import type { CheckoutView } from '../api/edge-api.types';
import { outcomeOf } from './outcome';

const view = (overrides: Partial<CheckoutView>): CheckoutView => ({
  checkoutId: 'c-1',
  state: 'AwaitingPayment',
  final: false,
  items: [],
  total: 3999,
  currency: 'GBP',
  reason: null,
  refunded: false,
  history: [],
  ...overrides,
});

describe('the final-state banner', () => {
  it('stays hidden while the checkout is still running', () => {
    expect(outcomeOf(view({ state: 'Compensating' }))).toBeNull();
  });

  it('says Completed for a paid checkout', () => {
    expect(outcomeOf(view({ state: 'Completed', final: true }))).toEqual({ kind: 'completed', state: 'Completed', text: 'Completed' });
  });

  it('gives the reason for a cancelled checkout', () => {
    expect(outcomeOf(view({ state: 'Cancelled', final: true, reason: 'payment declined' }))?.text).toBe('Cancelled — payment declined');
  });

  it('says the late payment was refunded', () => {
    const outcome = outcomeOf(view({ state: 'Cancelled', final: true, reason: 'payment timed out', refunded: true }));
    expect(outcome).toEqual({ kind: 'cancelled', state: 'Cancelled', text: 'Cancelled — payment timed out, refunded' });
  });

  it('calls for an operator when compensation failed', () => {
    expect(outcomeOf(view({ state: 'Failed', final: false }))).toEqual({
      kind: 'attention',
      state: 'Failed',
      text: 'Failed — needs attention',
    });
  });
});
