import { available, type StockedProduct } from '../products/stock.rules';
import type { ReservedLine } from './reservation.entity';
import { AmountTooLargeError, MixedCurrenciesError } from './reservation.errors';

export interface OrderItem {
  readonly sku: string;
  readonly qty: number;
}

export interface PricedProduct extends StockedProduct {
  readonly name: string;
  readonly unitAmount: number;
  readonly currency: string;
}

/** An item matched with the product it asks for. */
export interface OrderLine<P extends PricedProduct> {
  readonly product: P;
  readonly qty: number;
}

export type RefusalReason = 'UNKNOWN_SKU' | 'OUT_OF_STOCK';

export type Availability<P extends PricedProduct> =
  | { readonly ok: true; readonly lines: readonly OrderLine<P>[] }
  | { readonly ok: false; readonly reason: RefusalReason; readonly sku: string };

export interface PricedOrder {
  readonly lines: readonly ReservedLine[];
  readonly amount: number;
  readonly currency: string;
}

/** Amounts are stored in a Postgres integer; a total beyond it cannot be recorded. */
export const MAX_ORDER_AMOUNT = 2_147_483_647;

/**
 * Can every item be held? All or nothing: one missing line refuses the whole order. An
 * unknown SKU is reported before any shortage (no stock level can fix it), and the line to
 * blame is the first one in the order's own sequence.
 */
export function checkAvailability<P extends PricedProduct>(
  items: readonly OrderItem[],
  products: ReadonlyMap<string, P>,
): Availability<P> {
  const lines: OrderLine<P>[] = [];
  for (const item of items) {
    const product = products.get(item.sku);
    if (product === undefined) return { ok: false, reason: 'UNKNOWN_SKU', sku: item.sku };
    lines.push({ product, qty: item.qty });
  }
  const short = lines.find((line) => line.qty > available(line.product));
  if (short !== undefined) return { ok: false, reason: 'OUT_OF_STOCK', sku: short.product.sku };
  return { ok: true, lines };
}

/** The catalog is the price authority: the order is priced from its own table, never the caller's. */
export function priceOrder(lines: readonly OrderLine<PricedProduct>[]): PricedOrder {
  const currencies = [...new Set(lines.map((line) => line.product.currency))];
  if (currencies.length !== 1) throw new MixedCurrenciesError(currencies);
  const priced = lines.map(({ product, qty }) => ({ sku: product.sku, name: product.name, qty, unitAmount: product.unitAmount }));
  const amount = priced.reduce((sum, line) => sum + line.qty * line.unitAmount, 0);
  if (amount > MAX_ORDER_AMOUNT) throw new AmountTooLargeError(amount, MAX_ORDER_AMOUNT);
  return { lines: priced, amount, currency: currencies[0] };
}
