import type { OrderView } from '../api/edge-api.types';
import { orderLines } from './order-lines';

const widget: OrderView = {
  sku: 'DEMO-WIDGET',
  name: 'Demo Widget',
  unitAmount: 3999,
  qty: 1,
  subtotal: 3333,
  tax: 666,
  total: 3999,
  currency: 'GBP',
  taxRatePercent: 20,
};

describe('the order card', () => {
  it('shows the unit price, quantity, subtotal, tax and total from the edge', () => {
    expect(orderLines(widget)).toEqual([
      { role: 'unit', label: 'Unit price', value: '£39.99' },
      { role: 'qty', label: 'Quantity', value: '1' },
      { role: 'subtotal', label: 'Subtotal', value: '£33.33' },
      { role: 'tax', label: 'Tax (20%)', value: '£6.66' },
      { role: 'total', label: 'Total', value: '£39.99' },
    ]);
  });

  it('says the VAT is included when the subtotal already is the total', () => {
    const inclusive = { ...widget, subtotal: 3999, tax: 667 };
    expect(orderLines(inclusive).find((line) => line.role === 'tax')?.label).toBe('Includes VAT (20%)');
  });
});
