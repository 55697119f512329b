import {
  type CheckoutMessage,
  CheckoutTransitioned,
  createEnvelope,
  type MessageEnvelope,
  PaymentSessionExpiryRequested,
  PaymentSessionRequested,
  ProviderCallRecorded,
  StockReleaseRequested,
  StockReserved,
} from '@checkout/contracts';
import { httpStartRows, rowsFromMessage } from './message-row';

const checkoutId = '3f0c6f8e-8a47-4f6e-9a39-6f3e2a1b9c01';
const paymentId = '0b6f7c2e-5a4d-4c3b-8a29-7f6e5d4c3b2a';

const reserved = createEnvelope(
  StockReserved,
  { checkoutId, reservationId: '8f2b1c3e-2d4a-4b5c-9e6f-1a2b3c4d5e6f', lines: [{ sku: 'DEMO-WIDGET', name: 'Demo Widget', qty: 1, unitAmount: 3999 }], amount: 3999, currency: 'GBP' },
  { correlationId: checkoutId },
);
const sessionRequest = createEnvelope(
  PaymentSessionRequested,
  { checkoutId, amount: 3999, currency: 'GBP', paymentMethod: 'pm_card_visa', description: '1 × Demo Widget', watched: true },
  { correlationId: checkoutId, causationId: reserved.messageId },
);

/** A saga step of a watched checkout, as the orchestrator publishes it. */
function step(from: string | null, to: string, causedBy: MessageEnvelope | null, sent: MessageEnvelope[], event = causedBy?.type ?? 'PaymentTimedOut'): CheckoutMessage {
  const payload = { checkoutId, from, to, event, compensation: false, at: new Date().toISOString(), causedBy, sent };
  return createEnvelope(CheckoutTransitioned, payload, { correlationId: checkoutId, causationId: causedBy?.messageId });
}

describe('a saga step of a watched checkout, as rows of the choreography', () => {
  it('draws the message that caused it with the transition, then each message it sent', () => {
    const rows = rowsFromMessage(step('Initiated', 'StockReserved', reserved, [sessionRequest]));
    expect(rows).toEqual([
      {
        id: reserved.messageId,
        name: 'StockReserved',
        from: 'catalog-svc',
        to: ['checkout-orchestrator'],
        channel: 'outbox',
        transition: { from: 'Initiated', to: 'StockReserved' },
        at: reserved.occurredAt,
        compensation: false,
        sourcePath: 'apps/product/checkout-orchestrator/src/checkout-saga/apply-checkout-events.handler.ts',
        detail: '39.99 GBP',
      },
      {
        id: sessionRequest.messageId,
        name: 'PaymentSessionRequested',
        from: 'checkout-orchestrator',
        to: ['payments-svc'],
        channel: 'outbox',
        transition: null,
        at: sessionRequest.occurredAt,
        compensation: false,
        sourcePath: 'apps/product/payments-svc/src/payment-sessions/create-payment-session.handler.ts',
        detail: '39.99 GBP',
      },
    ]);
  });

  it('draws only what it sent when no message caused it (a timer)', () => {
    const expiry = createEnvelope(PaymentSessionExpiryRequested, { checkoutId, paymentId }, { correlationId: checkoutId });
    expect(rowsFromMessage(step('AwaitingPayment', 'ExpiringPayment', null, [expiry])).map((row) => [row.name, row.transition])).toEqual([
      ['PaymentSessionExpiryRequested', null],
    ]);
  });

  it('marks a compensation step and shows its reason', () => {
    const release = createEnvelope(StockReleaseRequested, { checkoutId, reservationId: null, reason: 'payment declined' }, { correlationId: checkoutId });
    const [row] = rowsFromMessage(step('StockReserved', 'Compensating', null, [release], 'PaymentSessionFailed'));
    expect(row).toMatchObject({ compensation: true, detail: 'payment declined', to: ['catalog-svc'] });
  });
});

describe('a provider call of a watched checkout, as a row', () => {
  it('shows a webhook the provider delivered again as an HTTP row from the provider, recognised as a repeat', () => {
    const envelope = createEnvelope(
      ProviderCallRecorded,
      { checkoutId, direction: 'from-provider', operation: 'webhook checkout.session.completed', providerReference: 'evt_1', duplicate: true },
      { correlationId: checkoutId },
    );
    expect(rowsFromMessage(envelope)).toEqual([
      expect.objectContaining({
        name: 'webhook checkout.session.completed',
        from: 'psp-sandbox',
        to: ['payments-svc'],
        channel: 'http',
        detail: 'delivered again: recognised and ignored',
      }),
    ]);
  });
});

describe('a message the edge does not draw', () => {
  it('gives no row: the saga step that handled it draws it', () => {
    expect(rowsFromMessage(reserved)).toEqual([]);
  });
});

describe('the HTTP calls that start a checkout', () => {
  it('records the two, the second creating it', () => {
    const [browser, edge] = httpStartRows(checkoutId, 'happy', new Date('2026-01-01T00:00:00Z'));
    expect(browser).toMatchObject({ from: 'browser', to: ['bff-web'], channel: 'http', detail: 'scenario: happy' });
    expect(edge).toMatchObject({ from: 'bff-web', to: ['checkout-orchestrator'], transition: { from: null, to: 'Initiated' } });
    expect(edge.at > browser.at).toBe(true);
  });
});
