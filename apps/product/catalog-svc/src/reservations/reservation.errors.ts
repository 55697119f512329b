import { AppError, NotFoundError } from '@checkout/platform';
import { HttpStatus } from '@nestjs/common';

/*
 * Thrown by message handlers: after its retries the message goes to the dead-letter queue
 * with this reason, for an operator to look at. None of them can be fixed by waiting.
 */

export class ReservationNotFoundError extends NotFoundError {
  constructor(checkoutId: string, reservationId: string) {
    super('CATALOG.RESERVATION_NOT_FOUND', `Checkout ${checkoutId} has no reservation ${reservationId}`);
  }
}

/** Stock that was given back may already be promised to someone else: it cannot be sold. */
export class ReservationReleasedError extends AppError {
  constructor(reservationId: string) {
    super('CATALOG.RESERVATION_RELEASED', `Reservation ${reservationId} was released; its stock cannot be sold`, HttpStatus.CONFLICT);
  }
}

/** Sold stock has left the shelf: releasing it would invent units that do not exist. */
export class ReservationCommittedError extends AppError {
  constructor(reservationId: string) {
    super('CATALOG.RESERVATION_COMMITTED', `Reservation ${reservationId} was sold; it cannot be released`, HttpStatus.CONFLICT);
  }
}

/** The catalog prices an order in one currency; products in several mean its price list is wrong. */
export class MixedCurrenciesError extends AppError {
  constructor(currencies: readonly string[]) {
    super('CATALOG.MIXED_CURRENCIES', `Cannot price one order in ${currencies.join(' and ')}`, HttpStatus.UNPROCESSABLE_ENTITY);
  }
}

export class AmountTooLargeError extends AppError {
  constructor(amount: number, limit: number) {
    super('CATALOG.AMOUNT_TOO_LARGE', `An order of ${amount} minor units exceeds the limit of ${limit}`, HttpStatus.UNPROCESSABLE_ENTITY);
  }
}
