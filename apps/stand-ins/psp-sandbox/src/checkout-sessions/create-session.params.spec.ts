import { InvalidRequestError } from '../stripe-api/stripe-api.error';
import { parseCreateSession } from './create-session.params';

const now = new Date('2025-06-01T12:00:00Z');
const nowSeconds = now.getTime() / 1000;

/** A session request as the form parser hands it over: every value a string. */
function params(overrides: Record<string, unknown> = {}) {
  return {
    mode: 'payment',
    line_items: [{ quantity: '2', price_data: { currency: 'GBP', unit_amount: '3999', product_data: { name: 'Demo Widget' } } }],
    metadata: { checkoutId: 'c1', payment_method: 'pm_card_visa' },
    payment_intent_data: { metadata: { paymentId: 'p1' } },
    ...overrides,
  };
}

function refusal(body: unknown): InvalidRequestError {
  try {
    parseCreateSession(body, now);
  } catch (error) {
    if (error instanceof InvalidRequestError) return error;
    throw error;
  }
  throw new Error('expected the session to be refused');
}

describe('a checkout session request', () => {
  it('totals quantity × unit amount over its line items, in lower-case currency', () => {
    const session = parseCreateSession(
      params({ line_items: [...params().line_items, { quantity: '1', price_data: { currency: 'gbp', unit_amount: '500', product_data: { name: 'Wrap' } } }] }),
      now,
    );
    expect(session).toMatchObject({ amountTotal: 2 * 3999 + 500, currency: 'gbp' });
  });

  it('keeps both metadata sets and picks the simulated customer from metadata[payment_method]', () => {
    expect(parseCreateSession(params(), now)).toMatchObject({
      metadata: { checkoutId: 'c1', payment_method: 'pm_card_visa' },
      paymentIntentMetadata: { paymentId: 'p1' },
      paymentMethod: 'pm_card_visa',
    });
  });

  it('expires after 24 hours unless asked otherwise', () => {
    expect(parseCreateSession(params(), now).expiresAt).toEqual(new Date(now.getTime() + 24 * 3600_000));
    expect(parseCreateSession(params({ expires_at: String(nowSeconds + 3600) }), now).expiresAt).toEqual(new Date(now.getTime() + 3600_000));
  });

  it('refuses an expiry sooner than 30 minutes or later than 24 hours', () => {
    expect(refusal(params({ expires_at: String(nowSeconds + 600) })).details.param).toBe('expires_at');
    expect(refusal(params({ expires_at: String(nowSeconds + 25 * 3600) })).details.param).toBe('expires_at');
  });

  it('refuses line items in different currencies, naming the odd one out', () => {
    const mixed = [...params().line_items, { quantity: '1', price_data: { currency: 'eur', unit_amount: '1', product_data: { name: 'X' } } }];
    expect(refusal(params({ line_items: mixed })).details.param).toBe('line_items[1][price_data][currency]');
  });

  it('refuses a total above Stripe’s maximum amount', () => {
    const huge = [{ quantity: '2', price_data: { currency: 'gbp', unit_amount: '99999999', product_data: { name: 'X' } } }];
    expect(refusal(params({ line_items: huge })).details).toEqual({ code: 'amount_too_large', param: 'line_items' });
  });

  it('supports only mode=payment and http(s) return URLs', () => {
    expect(refusal(params({ mode: 'subscription' })).details.param).toBe('mode');
    expect(refusal(params({ success_url: 'javascript:alert(1)' })).details.param).toBe('success_url');
  });

  it('refuses metadata beyond Stripe’s limits', () => {
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect(refusal(params({ metadata: tooMany })).details.param).toBe('metadata');
    expect(refusal(params({ metadata: { note: 'x'.repeat(501) } })).details.param).toBe('metadata[note]');
  });
});
