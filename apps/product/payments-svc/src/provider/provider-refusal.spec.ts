import Stripe from 'stripe';
import { permanentRefusal } from './provider-refusal';

const { errors } = Stripe;

describe('telling a permanent provider refusal from a passing failure', () => {
  it.each([
    [
      'a request the provider finds invalid',
      new errors.StripeInvalidRequestError({ code: 'amount_too_small', message: 'x' }),
      'the payment provider rejected the request (amount_too_small)',
    ],
    [
      'a declined card',
      new errors.StripeCardError({ code: 'card_declined', decline_code: 'generic_decline', message: 'x' }),
      'the card was declined (generic_decline)',
    ],
    [
      'a rejected API key',
      new errors.StripeAuthenticationError({ message: 'Invalid API Key provided: sk_test_***' }),
      'the payment provider rejected our API key',
    ],
    [
      'a forbidden operation',
      new errors.StripePermissionError({ message: 'x' }),
      'the payment provider does not permit this operation',
    ],
    [
      'an idempotency key reused with other parameters',
      new errors.StripeIdempotencyError({ message: 'x' }),
      'the payment provider refused a repeat of the request with different parameters',
    ],
  ])('reports %s as final, with a short reason', (_case, error, reason) => {
    expect(permanentRefusal(error)).toBe(reason);
  });

  it('never repeats the provider\'s free-text message, which may echo request details', () => {
    const error = new errors.StripeAuthenticationError({ message: 'Invalid API Key provided: sk_test_abc' });
    expect(permanentRefusal(error)).not.toContain('sk_test');
  });

  it.each([
    ['a provider outage (5xx)', new errors.StripeAPIError({ message: 'x' })],
    ['a connection failure', new errors.StripeConnectionError({ message: 'x' })],
    ['rate limiting', new errors.StripeRateLimitError({ message: 'x' })],
    ['an error that is not the provider\'s', new Error('socket hang up')],
  ])('leaves %s to be retried', (_case, error) => {
    expect(permanentRefusal(error)).toBeUndefined();
  });
});
