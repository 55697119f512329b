import { randomUUID } from 'node:crypto';
import { reasonsOf } from '../testing/reasons-of';
import { StockReservationRequested } from './stock-reservation-requested.command';

const checkoutId = randomUUID();
const line = (sku: string, qty: unknown = 1) => ({ sku, qty });

describe('a StockReservationRequested message', () => {
  it('is a command from the orchestrator to the catalog', () => {
    expect(StockReservationRequested).toMatchObject({
      kind: 'command',
      producer: 'checkout-orchestrator',
      consumers: ['catalog-svc'],
      routingKey: 'checkout.stock-reservation-requested',
    });
  });

  it('accepts an order of one Demo Widget', () => {
    const order = { checkoutId, items: [line('DEMO-WIDGET')] };
    expect(StockReservationRequested.parse(order)).toEqual(order);
  });

  it('rejects a line with a fractional quantity', () => {
    const order = { checkoutId, items: [line('DEMO-WIDGET', 1.5)] };
    expect(reasonsOf(() => StockReservationRequested.parse(order))).toEqual([
      'items.0.qty: expected a positive integer',
    ]);
  });

  it('rejects a zero quantity and a quantity sent as text', () => {
    const order = { checkoutId, items: [line('A1', 0), line('B2', '2')] };
    expect(reasonsOf(() => StockReservationRequested.parse(order))).toEqual([
      'items.0.qty: expected a positive integer',
      'items.1.qty: expected a positive integer',
    ]);
  });

  it('rejects a lower-case SKU', () => {
    const order = { checkoutId, items: [line('widget')] };
    expect(reasonsOf(() => StockReservationRequested.parse(order))).toEqual([
      'items.0.sku: expected a SKU of 2-32 upper-case letters, digits or hyphens',
    ]);
  });

  it('rejects an empty order and one of more than 20 lines', () => {
    const tooMany = Array.from({ length: 21 }, (_, index) => line(`SKU-${index}`));
    expect(reasonsOf(() => StockReservationRequested.parse({ checkoutId, items: [] }))).toEqual([
      'items: expected at least 1 item',
    ]);
    const tooLong = { checkoutId, items: tooMany };
    expect(reasonsOf(() => StockReservationRequested.parse(tooLong))).toEqual([
      'items: expected at most 20 items',
    ]);
  });

  it('rejects two lines for the same SKU', () => {
    const order = { checkoutId, items: [line('A1'), line('B2'), line('A1', 2)] };
    expect(reasonsOf(() => StockReservationRequested.parse(order))).toEqual([
      'items.2.sku: duplicate SKU "A1"',
    ]);
  });

  it('rejects unknown fields on the order and on its lines', () => {
    const order = { checkoutId, items: [{ ...line('A1'), price: 100 }], coupon: 'FREE' };
    expect(reasonsOf(() => StockReservationRequested.parse(order))).toEqual([
      'items.0.price: unknown field',
      'coupon: unknown field',
    ]);
  });
});
