import { randomUUID } from 'node:crypto';
import type { PaymentEntity } from '../payments/payment.entity';
import { type PaymentClaims, referenceMismatch } from './payment-references';

const payment = {
  id: randomUUID(),
  checkoutId: randomUUID(),
  amount: 3999,
  currency: 'GBP',
  providerSessionId: 'cs_ours',
  providerPaymentId: null,
} as PaymentEntity;

const agreeing: PaymentClaims = {
  metadata: { checkoutId: payment.checkoutId, paymentId: payment.id },
  amount: 3999,
  currency: 'gbp',
  providerPaymentId: 'pi_1',
};

describe('checking what a provider event claims against our record of the payment', () => {
  it('finds nothing wrong when every reference agrees (currency case aside)', () => {
    expect(referenceMismatch(payment, agreeing)).toBeUndefined();
  });

  it('lets an event leave references out: only what it states is compared', () => {
    expect(referenceMismatch(payment, { metadata: {}, amount: null, currency: null, providerPaymentId: null })).toBeUndefined();
  });

  it.each([
    ['another checkout', { metadata: { ...agreeing.metadata, checkoutId: randomUUID() } }, 'checkout_mismatch'],
    ['a checkout id that is not even ours in form', { metadata: { ...agreeing.metadata, checkoutId: 'order-42' } }, 'checkout_mismatch'],
    ["another checkout's payment", { metadata: { ...agreeing.metadata, paymentId: randomUUID() } }, 'payment_mismatch'],
    ['another amount', { amount: 1 }, 'amount_mismatch'],
    ['another currency', { currency: 'usd' }, 'currency_mismatch'],
  ])('refuses an event naming %s', (_case, override, reason) => {
    expect(referenceMismatch(payment, { ...agreeing, ...override })).toBe(reason);
  });

  it('refuses a payment intent other than the one the provider already named for this payment', () => {
    const known = { ...payment, providerPaymentId: 'pi_known' } as PaymentEntity;
    expect(referenceMismatch(known, { ...agreeing, providerPaymentId: 'pi_other' })).toBe('payment_intent_mismatch');
    expect(referenceMismatch(known, { ...agreeing, providerPaymentId: 'pi_known' })).toBeUndefined();
  });
});
