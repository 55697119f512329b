import { createEnvelope, ProviderCallRecorded, StockReleaseRequested, StockReserved } from '@checkout/contracts';
import { httpStartRows, rowFromEnvelope } from './message-row';

const checkoutId = '3f0c6f8e-8a47-4f6e-9a39-6f3e2a1b9c01';

describe('turning a message into a row of the choreography', () => {
  it('shows an event from the catalog to the orchestrator, with the file that handles it', () => {
    const envelope = createEnvelope(
      StockReserved,
      { checkoutId, reservationId: '8f2b1c3e-2d4a-4b5c-9e6f-1a2b3c4d5e6f', lines: [{ sku: 'DEMO-WIDGET', name: 'Demo Widget', qty: 1, unitAmount: 3999 }], amount: 3999, currency: 'GBP' },
      { correlationId: checkoutId },
    );
    expect(rowFromEnvelope(envelope)).toMatchObject({
      id: envelope.messageId,
      name: 'StockReserved',
      from: 'catalog-svc',
      to: ['checkout-orchestrator'],
      channel: 'outbox',
      compensation: false,
      sourcePath: 'apps/product/checkout-orchestrator/src/checkout-saga/apply-checkout-events.handler.ts',
      detail: '39.99 GBP',
    });
  });

  it('marks a compensation step and shows its reason', () => {
    const envelope = createEnvelope(StockReleaseRequested, { checkoutId, reservationId: null, reason: 'payment declined' }, { correlationId: checkoutId });
    expect(rowFromEnvelope(envelope)).toMatchObject({ compensation: true, detail: 'payment declined', to: ['catalog-svc'] });
  });

  it('shows a webhook the provider delivered again as an HTTP row from the provider, recognised as a repeat', () => {
    const envelope = createEnvelope(
      ProviderCallRecorded,
      { checkoutId, direction: 'from-provider', operation: 'webhook checkout.session.completed', providerReference: 'evt_1', duplicate: true },
      { correlationId: checkoutId },
    );
    expect(rowFromEnvelope(envelope)).toMatchObject({
      name: 'webhook checkout.session.completed',
      from: 'psp-sandbox',
      to: ['payments-svc'],
      channel: 'http',
      detail: 'delivered again: recognised and ignored',
    });
  });

  it('records the two HTTP calls that start a checkout, the second creating it', () => {
    const [browser, edge] = httpStartRows(checkoutId, 'happy', new Date('2026-01-01T00:00:00Z'));
    expect(browser).toMatchObject({ from: 'browser', to: ['bff-web'], channel: 'http', detail: 'scenario: happy' });
    expect(edge).toMatchObject({ from: 'bff-web', to: ['checkout-orchestrator'], transition: { from: null, to: 'Initiated' } });
    expect(edge.at > browser.at).toBe(true);
  });
});
