import { randomUUID } from 'node:crypto';
import { paymentIdFor, uuidV5 } from './payment-id';

describe('the payment id of a checkout', () => {
  it('is the same every time for one checkout, so a retried provider request is identical', () => {
    const checkoutId = randomUUID();
    expect(paymentIdFor(checkoutId)).toBe(paymentIdFor(checkoutId));
    expect(paymentIdFor(checkoutId.toUpperCase())).toBe(paymentIdFor(checkoutId));
  });

  it('differs between checkouts and from the checkout id itself', () => {
    const checkoutId = randomUUID();
    expect(paymentIdFor(checkoutId)).not.toBe(paymentIdFor(randomUUID()));
    expect(paymentIdFor(checkoutId)).not.toBe(checkoutId);
  });

  it('is a version-5 UUID computed as the RFC specifies', () => {
    // The RFC's own example: the DNS namespace and "www.example.com".
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(paymentIdFor(randomUUID())).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
