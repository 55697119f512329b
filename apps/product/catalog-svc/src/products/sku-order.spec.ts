import { inSkuOrder } from './sku-order';

describe('writing products in SKU order', () => {
  it('sorts by SKU byte order, as the database does, without touching the input', () => {
    const lines = [{ sku: 'TRAVEL-MUG' }, { sku: 'DEMO-WIDGET' }, { sku: 'A1' }, { sku: 'DEMO-1' }];
    expect(inSkuOrder(lines, (line) => line.sku).map((line) => line.sku)).toEqual(['A1', 'DEMO-1', 'DEMO-WIDGET', 'TRAVEL-MUG']);
    expect(lines[0].sku).toBe('TRAVEL-MUG');
  });
});
