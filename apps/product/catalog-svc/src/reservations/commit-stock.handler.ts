import type { MessageEnvelope, StockCommitRequested } from '@checkout/contracts';
import type { TransactionalHandler } from '@checkout/outbox';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProductsRepository } from '../products/products.repository';
import { saleOf } from '../products/stock.rules';
import { ReservationNotFoundError } from './reservation.errors';
import { onCommitRequest } from './reservation.rules';
import { ReservationsRepository } from './reservations.repository';

/**
 * The checkout is paid: its held stock becomes a sale. Idempotent. A released or unknown
 * reservation is refused with a typed error, which sends the message to the dead-letter
 * queue: stock that was given back cannot be sold, and only an operator can settle that.
 * Nothing is sent back: the saga ended Completed when the payment did, and a commit that
 * succeeds changes nothing it would decide (docs/decisions/0051).
 */
@Injectable()
export class CommitStockHandler implements TransactionalHandler<StockCommitRequested> {
  constructor(
    private readonly products: ProductsRepository,
    private readonly reservations: ReservationsRepository,
  ) {}

  async handle(message: MessageEnvelope<StockCommitRequested>, tx: EntityManager): Promise<void> {
    const { checkoutId, reservationId } = message.payload;
    const reservation = await this.reservations.findByCheckout(tx, checkoutId);
    if (reservation === null || reservation.id !== reservationId) {
      throw new ReservationNotFoundError(checkoutId, reservationId);
    }
    if (onCommitRequest(reservation) === 'commit') {
      // Sent together: either one failing fails the transaction, and nothing of it commits.
      await Promise.all([this.reservations.changeStatus(tx, reservation, 'committed'), this.products.moveAll(tx, reservation.lines, saleOf)]);
    }
  }
}
