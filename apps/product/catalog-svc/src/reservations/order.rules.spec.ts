import { checkAvailability, MAX_ORDER_AMOUNT, priceOrder, type PricedProduct } from './order.rules';
import { AmountTooLargeError, MixedCurrenciesError } from './reservation.errors';

const product = (sku: string, onHand: number, reserved = 0, currency = 'GBP'): PricedProduct => ({
  sku,
  name: `Name of ${sku}`,
  unitAmount: 1000,
  currency,
  onHand,
  reserved,
});

const catalog = (...products: PricedProduct[]) => new Map(products.map((each) => [each.sku, each]));

describe('checking an order against the stock', () => {
  const shelf = catalog(product('MUG', 10, 4), product('WIDGET', 3), product('GADGET', 0));

  describe('an order every line of which is available', () => {
    it('is accepted with each item matched to its product, in the order given', () => {
      const result = checkAvailability([{ sku: 'WIDGET', qty: 3 }, { sku: 'MUG', qty: 6 }], shelf);
      expect(result).toEqual({
        ok: true,
        lines: [
          { product: shelf.get('WIDGET'), qty: 3 },
          { product: shelf.get('MUG'), qty: 6 },
        ],
      });
    });
  });

  describe('an order for a SKU the catalog does not sell', () => {
    it('is refused as UNKNOWN_SKU, naming it', () => {
      expect(checkAvailability([{ sku: 'MUG', qty: 1 }, { sku: 'NOPE', qty: 1 }], shelf)).toEqual({
        ok: false,
        reason: 'UNKNOWN_SKU',
        sku: 'NOPE',
      });
    });

    it('is refused as UNKNOWN_SKU even when an earlier line is also short', () => {
      const result = checkAvailability([{ sku: 'GADGET', qty: 1 }, { sku: 'NOPE', qty: 1 }], shelf);
      expect(result).toMatchObject({ reason: 'UNKNOWN_SKU', sku: 'NOPE' });
    });
  });

  describe('an order for more than is available', () => {
    it('counts what others reserved as gone, and names the first short line', () => {
      const result = checkAvailability([{ sku: 'WIDGET', qty: 4 }, { sku: 'MUG', qty: 7 }], shelf);
      expect(result).toEqual({ ok: false, reason: 'OUT_OF_STOCK', sku: 'WIDGET' });
      expect(checkAvailability([{ sku: 'MUG', qty: 7 }], shelf)).toMatchObject({ reason: 'OUT_OF_STOCK', sku: 'MUG' });
    });

    it('is refused for a product with no stock at all', () => {
      expect(checkAvailability([{ sku: 'GADGET', qty: 1 }], shelf)).toMatchObject({ reason: 'OUT_OF_STOCK', sku: 'GADGET' });
    });
  });
});

describe('pricing an order', () => {
  it('prices each line from the catalog and totals qty × unit amount', () => {
    const widget = { ...product('DEMO-WIDGET', 10), name: 'Demo Widget', unitAmount: 3999 };
    const mug = { ...product('TRAVEL-MUG', 10), name: 'Travel Mug', unitAmount: 1500 };
    expect(priceOrder([{ product: widget, qty: 2 }, { product: mug, qty: 1 }])).toEqual({
      lines: [
        { sku: 'DEMO-WIDGET', name: 'Demo Widget', qty: 2, unitAmount: 3999 },
        { sku: 'TRAVEL-MUG', name: 'Travel Mug', qty: 1, unitAmount: 1500 },
      ],
      amount: 9498,
      currency: 'GBP',
    });
  });

  it('refuses products priced in different currencies', () => {
    const lines = [{ product: product('A1', 5), qty: 1 }, { product: product('B2', 5, 0, 'EUR'), qty: 1 }];
    expect(() => priceOrder(lines)).toThrow(MixedCurrenciesError);
  });

  it('refuses a total too large to record', () => {
    const dear = { ...product('A1', 10), unitAmount: MAX_ORDER_AMOUNT };
    expect(() => priceOrder([{ product: dear, qty: 1 }])).not.toThrow();
    expect(() => priceOrder([{ product: dear, qty: 2 }])).toThrow(AmountTooLargeError);
  });
});
