import { requestFingerprint } from './request-fingerprint';

describe('what counts as the same request for an Idempotency-Key', () => {
  const params = { mode: 'payment', metadata: { checkoutId: 'c1', paymentId: 'p1' }, line_items: [{ quantity: '1' }] };

  it('is the same for the same parameters sent in another order', () => {
    const reordered = { line_items: [{ quantity: '1' }], metadata: { paymentId: 'p1', checkoutId: 'c1' }, mode: 'payment' };
    expect(requestFingerprint('POST /v1/checkout/sessions', reordered)).toBe(requestFingerprint('POST /v1/checkout/sessions', params));
  });

  it('differs when a value, the list order or the route differs', () => {
    const base = requestFingerprint('POST /v1/checkout/sessions', params);
    expect(requestFingerprint('POST /v1/checkout/sessions', { ...params, metadata: { checkoutId: 'c2', paymentId: 'p1' } })).not.toBe(base);
    expect(requestFingerprint('POST /v1/checkout/sessions', { ...params, line_items: [{ quantity: '1' }, { quantity: '2' }] })).not.toBe(
      requestFingerprint('POST /v1/checkout/sessions', { ...params, line_items: [{ quantity: '2' }, { quantity: '1' }] }),
    );
    expect(requestFingerprint('POST /v1/refunds', params)).not.toBe(base);
  });
});
