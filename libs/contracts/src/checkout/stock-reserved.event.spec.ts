import { randomUUID } from 'node:crypto';
import { reasonsOf } from '../testing/reasons-of';
import { StockReserved } from './stock-reserved.event';

const reserved = {
  checkoutId: randomUUID(),
  reservationId: randomUUID(),
  lines: [
    { sku: 'DEMO-WIDGET', name: 'Demo Widget', qty: 2, unitAmount: 3999 },
    { sku: 'GIFT-WRAP', name: 'Gift wrap', qty: 1, unitAmount: 250 },
  ],
  amount: 8248,
  currency: 'GBP',
};

describe('a StockReserved message', () => {
  it('accepts an order priced line by line', () => {
    expect(StockReserved.parse(reserved)).toEqual(reserved);
  });

  it('rejects a total that is not the sum of its lines', () => {
    expect(reasonsOf(() => StockReserved.parse({ ...reserved, amount: 7998 }))).toEqual([
      'amount: expected 8248, the sum of qty × unitAmount over the lines',
    ]);
  });

  it('rejects money as a decimal and a lower-case currency', () => {
    const inPounds = { ...reserved, amount: 82.48, currency: 'gbp' };
    expect(reasonsOf(() => StockReserved.parse(inPounds))).toEqual([
      'amount: expected a positive integer amount in minor units (3999 for 39.99)',
      'currency: expected an ISO 4217 currency code such as "GBP"',
    ]);
  });

  it('reports a malformed line without a misleading total', () => {
    const lines = [{ ...reserved.lines[0], qty: '2' }, reserved.lines[1]];
    expect(reasonsOf(() => StockReserved.parse({ ...reserved, lines }))).toEqual([
      'lines.0.qty: expected a positive integer',
    ]);
  });

  it('requires a reservation id that is a UUID', () => {
    expect(reasonsOf(() => StockReserved.parse({ ...reserved, reservationId: 'R-1' }))).toEqual([
      'reservationId: expected a UUID',
    ]);
  });
});
