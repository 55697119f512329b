import { StockBelowReservedError, StockInvariantError } from './product.errors';

/**
 * How much of a product exists and how much of it is promised. Every change is a pure
 * move with the invariants it must keep, tested here without a database; the repository
 * applies the same move and the same invariants in one conditional statement.
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

/**
 * A change to one product's stock as deltas. The database applies a move in one conditional
 * UPDATE (ProductsRepository.move) that lands only if the result keeps the invariants below,
 * so concurrent moves on one row never need a read first, and never oversell.
 */
export interface StockMove {
  readonly onHand: number;
  readonly reserved: number;
}

/** Holds `qty` units for a checkout. */
export const reservation = (qty: number): StockMove => ({ onHand: 0, reserved: qty });
/** Gives held units back, for a checkout that will not complete. */
export const releaseOf = (qty: number): StockMove => ({ onHand: 0, reserved: -qty });
/** Turns held units into a sale: they leave the shelf and stop being reserved. */
export const saleOf = (qty: number): StockMove => ({ onHand: -qty, reserved: -qty });

/** The invariants every stock level keeps (the table's CHECK constraints say the same). */
export function withinInvariants(stock: StockLevels): boolean {
  return stock.onHand >= 0 && stock.reserved >= 0 && stock.reserved <= stock.onHand;
}

/** The level after `move`, or null when the move would break an invariant. */
export function applyMove(stock: StockLevels, move: StockMove): StockLevels | null {
  const next = { onHand: stock.onHand + move.onHand, reserved: stock.reserved + move.reserved };
  return withinInvariants(next) ? next : null;
}

/** Holds `qty` units for a checkout. */
export function reserve(product: StockedProduct, qty: number): StockLevels {
  return applyMove(product, reservation(qty)) ?? refuse(`cannot hold ${qty} of ${product.sku}: only ${available(product)} available`);
}

/** Gives held units back. */
export function release(product: StockedProduct, qty: number): StockLevels {
  return applyMove(product, releaseOf(qty)) ?? refuse(notHeld(product, qty));
}

/** Sells held units. */
export function sell(product: StockedProduct, qty: number): StockLevels {
  return applyMove(product, saleOf(qty)) ?? refuse(notHeld(product, qty));
}

/** An operator's count of what is on the shelf; what is promised stays promised. */
export function restock(product: StockedProduct, onHand: number): StockLevels {
  if (onHand < product.reserved) throw new StockBelowReservedError(product.sku, onHand, product.reserved);
  return { onHand, reserved: product.reserved };
}

function notHeld(product: StockedProduct, qty: number): string {
  return `cannot take ${qty} of ${product.sku} out of reservation: only ${product.reserved} reserved`;
}

function refuse(reason: string): never {
  throw new StockInvariantError(reason);
}
