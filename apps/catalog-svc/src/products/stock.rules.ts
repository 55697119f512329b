import { StockBelowReservedError, StockInvariantError } from './product.errors';

/**
 * How much of a product exists and how much of it is promised. Every change is a pure
 * function from one level to the next, so the arithmetic is tested without a database and
 * the repository only has to store the result under an optimistic version check.
 */
export interface StockLevels {
  readonly onHand: number;
  readonly reserved: number;
}

export interface StockedProduct extends StockLevels {
  readonly sku: string;
}

/** What can still be promised to a new checkout. */
export function available(stock: StockLevels): number {
  return stock.onHand - stock.reserved;
}

/** Holds `qty` units for a checkout. */
export function reserve(product: StockedProduct, qty: number): StockLevels {
  if (qty > available(product)) {
    throw new StockInvariantError(`cannot hold ${qty} of ${product.sku}: only ${available(product)} available`);
  }
  return { onHand: product.onHand, reserved: product.reserved + qty };
}

/** Gives held units back, for a checkout that will not complete. */
export function release(product: StockedProduct, qty: number): StockLevels {
  assertHeld(product, qty);
  return { onHand: product.onHand, reserved: product.reserved - qty };
}

/** Turns held units into a sale: they leave the shelf and stop being reserved. */
export function sell(product: StockedProduct, qty: number): StockLevels {
  assertHeld(product, qty);
  return { onHand: product.onHand - qty, reserved: product.reserved - qty };
}

/** An operator's count of what is on the shelf; what is promised stays promised. */
export function restock(product: StockedProduct, onHand: number): StockLevels {
  if (onHand < product.reserved) throw new StockBelowReservedError(product.sku, onHand, product.reserved);
  return { onHand, reserved: product.reserved };
}

function assertHeld(product: StockedProduct, qty: number): void {
  if (qty > product.reserved) {
    throw new StockInvariantError(`cannot take ${qty} of ${product.sku} out of reservation: only ${product.reserved} reserved`);
  }
}
