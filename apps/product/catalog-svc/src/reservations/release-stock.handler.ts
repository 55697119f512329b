import { type MessageEnvelope, StockReleased, StockReleaseRequested } from '@checkout/contracts';
import { Outbox, type TransactionalHandler } from '@checkout/outbox';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProductsRepository } from '../products/products.repository';
import { releaseOf } from '../products/stock.rules';
import type { Reservation } from './reservation.entity';
import { ReservationNotFoundError } from './reservation.errors';
import { heldStock, onReleaseRequest } from './reservation.rules';
import { ReservationsRepository } from './reservations.repository';

/**
 * Compensation: gives back the stock held for a checkout that will not complete. Idempotent,
 * and it always answers StockReleased, so the saga can finish compensating whatever it finds.
 */
@Injectable()
export class ReleaseStockHandler implements TransactionalHandler<StockReleaseRequested> {
  constructor(
    private readonly products: ProductsRepository,
    private readonly reservations: ReservationsRepository,
    private readonly outbox: Outbox,
  ) {}

  async handle(message: MessageEnvelope<StockReleaseRequested>, tx: EntityManager): Promise<void> {
    const { checkoutId, reservationId } = message.payload;
    const reservation = await this.reservations.findByCheckout(tx, checkoutId);
    if (reservationId !== null && reservation?.id !== reservationId) {
      throw new ReservationNotFoundError(checkoutId, reservationId);
    }
    if (reservation === null) {
      // The saga gave up before anything was held, yet its reservation request may still be
      // on its way (waiting in a retry queue, say). Recording the release now makes that late
      // request hold nothing, instead of stock that no checkout would ever give back.
      await this.reservations.insertReleasedBeforeHeld(tx, checkoutId);
    } else if (onReleaseRequest(reservation) === 'release') {
      // Sent together: either one failing fails the transaction, and nothing of it commits.
      await Promise.all([this.reservations.changeStatus(tx, reservation, 'released'), this.products.moveAll(tx, reservation.lines, releaseOf)]);
    }
    const released = { checkoutId, reservationId: releasedId(reservation) };
    await this.outbox.enqueue(tx, StockReleased, released, { correlationId: checkoutId, causedBy: message });
  }
}

/** The id of the reservation that held stock, or null when nothing was ever held. */
function releasedId(reservation: Reservation | null): string | null {
  return reservation !== null && heldStock(reservation) ? reservation.id : null;
}
