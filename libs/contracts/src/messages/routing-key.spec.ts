import { CHECKOUT_EXCHANGE, routingKeyFor } from './routing-key';

describe('routing keys', () => {
  it('prefix the kebab-cased message type with "checkout."', () => {
    expect(routingKeyFor('StockReservationRequested')).toBe('checkout.stock-reservation-requested');
    expect(routingKeyFor('PaymentCompleted')).toBe('checkout.payment-completed');
  });

  it('keep an acronym together as one word', () => {
    expect(routingKeyFor('PSPWebhookReceived')).toBe('checkout.psp-webhook-received');
  });

  it('keep digits with the word before them', () => {
    expect(routingKeyFor('Refund2Failed')).toBe('checkout.refund2-failed');
  });

  it('are published to the checkout.events exchange', () => {
    expect(CHECKOUT_EXCHANGE).toBe('checkout.events');
  });
});
