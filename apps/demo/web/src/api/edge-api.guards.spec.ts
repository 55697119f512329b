import { isCheckoutView, isClusterHealth, isMessageRow, parseFrame } from './edge-api.guards';

const row = {
  id: 'm-1',
  name: 'StockReserved',
  from: 'catalog-svc',
  to: ['checkout-orchestrator'],
  channel: 'outbox',
  transition: { from: 'Initiated', to: 'StockReserved' },
  at: '2025-01-01T12:00:00.120Z',
  compensation: false,
  sourcePath: 'apps/product/catalog-svc/src/reservations/reserve-stock.handler.ts',
  detail: null,
};

describe('a frame arriving on the live stream', () => {
  it('is accepted as a message row when it has the documented shape', () => {
    expect(parseFrame(JSON.stringify(row), isMessageRow)).toEqual(row);
  });

  it('accepts a row that caused no transition and has no source', () => {
    const plain = { ...row, transition: null, sourcePath: null };
    expect(isMessageRow(plain)).toBe(true);
  });

  it('accepts the row of the call that created the checkout, whose transition starts from nothing', () => {
    expect(isMessageRow({ ...row, name: 'POST /api/checkouts', channel: 'http', transition: { from: null, to: 'Initiated' } })).toBe(true);
  });

  it('is dropped when it is not JSON', () => {
    expect(parseFrame('{"id":', isMessageRow)).toBeNull();
  });

  it('is dropped when a field has the wrong type or the time is unreadable', () => {
    expect(isMessageRow({ ...row, to: 'checkout-orchestrator' })).toBe(false);
    expect(isMessageRow({ ...row, channel: 'carrier-pigeon' })).toBe(false);
    expect(isMessageRow({ ...row, at: 'yesterday' })).toBe(false);
  });

  it('is accepted as a checkout state when it carries a state and its history', () => {
    const view = {
      checkoutId: 'c-1',
      state: 'Cancelled',
      final: true,
      items: [],
      total: 3999,
      currency: 'GBP',
      reason: 'payment declined',
      refunded: false,
      history: [
        { from: null, to: 'Initiated', event: 'CheckoutRequested', messageId: 'm-0', compensation: false, at: row.at },
        { from: 'Initiated', to: 'Cancelled', event: 'StockReservationFailed', messageId: 'm-1', compensation: false, at: row.at },
      ],
    };
    expect(parseFrame(JSON.stringify(view), isCheckoutView)).toEqual(view);
    expect(isCheckoutView({ ...view, history: [{ event: 'x' }] })).toBe(false);
  });
});

describe('a health report', () => {
  it('is read when it lists services with their readiness and checks', () => {
    const report = { at: '2025-01-01T12:00:00Z', services: [{ name: 'catalog-svc', url: 'http://x', ready: false, checks: { database: { status: 'down' } } }] };
    expect(isClusterHealth(report)).toBe(true);
  });

  it('is refused when a 503 carries some other body', () => {
    expect(isClusterHealth({ statusCode: 503, message: 'Service Unavailable' })).toBe(false);
  });
});
