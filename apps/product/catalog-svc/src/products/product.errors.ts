import { AppError, NotFoundError } from '@checkout/platform';
import { HttpStatus } from '@nestjs/common';

export class ProductNotFoundError extends NotFoundError {
  constructor(sku: string) {
    super('CATALOG.PRODUCT_NOT_FOUND', `There is no product with SKU "${sku}"`);
  }
}

/** Stock on hand cannot drop below what checkouts already hold: those units are promised. */
export class StockBelowReservedError extends AppError {
  constructor(sku: string, onHand: number, reserved: number) {
    super(
      'CATALOG.STOCK_BELOW_RESERVED',
      `Cannot set ${sku} to ${onHand} on hand: ${reserved} are reserved for checkouts in progress`,
      HttpStatus.CONFLICT,
    );
  }
}

/**
 * A stock change that the reservations themselves rule out (releasing more than is held).
 * It means the data disagrees with itself, so nothing is written and an operator must look.
 */
export class StockInvariantError extends AppError {
  constructor(message: string) {
    super('CATALOG.STOCK_INVARIANT', message, HttpStatus.INTERNAL_SERVER_ERROR);
  }
}
