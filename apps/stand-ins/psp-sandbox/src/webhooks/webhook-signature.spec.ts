import Stripe from 'stripe';
import { signatureHeader } from './webhook-signature';

const secret = 'whsec_unit_test_secret_0000000000';
const stripe = new Stripe('sk_test_unused_in_this_test_000');
const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'checkout.session.completed', data: { object: {} } });

describe('the Stripe-Signature header of a webhook', () => {
  it('verifies with the Stripe SDK’s own constructEvent', () => {
    const event = stripe.webhooks.constructEvent(payload, signatureHeader(payload, secret), secret);
    expect(event.id).toBe('evt_1');
  });

  it('is t=<unix seconds>,v1=<hex sha256 HMAC>', () => {
    expect(signatureHeader(payload, secret, 1_700_000_000)).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
  });

  it('does not verify for a changed body or a stale timestamp', () => {
    expect(() => stripe.webhooks.constructEvent(`${payload} `, signatureHeader(payload, secret), secret)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    expect(() => stripe.webhooks.constructEvent(payload, signatureHeader(payload, secret, tenMinutesAgo), secret)).toThrow(/tolerance/);
  });

  it('carries one v1 signature per secret during a rotation, and the SDK accepts either secret alone', () => {
    const previous = 'whsec_unit_test_previous_000000000';
    const header = signatureHeader(payload, [secret, previous]);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(stripe.webhooks.constructEvent(payload, header, secret).id).toBe('evt_1');
    expect(stripe.webhooks.constructEvent(payload, header, previous).id).toBe('evt_1');
    expect(() => stripe.webhooks.constructEvent(payload, signatureHeader(payload, [previous]), secret)).toThrow(/No signatures found/);
  });
});
