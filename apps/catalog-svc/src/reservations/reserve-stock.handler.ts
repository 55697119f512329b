import { type MessageEnvelope, StockReservationFailed, StockReservationRequested, StockReserved } from '@checkout/contracts';
import { type MessageOrigin, Outbox, type TransactionalHandler } from '@checkout/outbox';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProductsRepository } from '../products/products.repository';
import { inSkuOrder } from '../products/sku-order';
import { reserve } from '../products/stock.rules';
import { checkAvailability, type PricedOrder, priceOrder } from './order.rules';
import type { Reservation } from './reservation.entity';
import { isHeld } from './reservation.rules';
import { ReservationsRepository } from './reservations.repository';

/**
 * Holds the stock of every line of a checkout, all or nothing, and prices the order from the
 * catalog's own table. Runs inside the inbox transaction: the stock change, the reservation
 * and the reply commit together or not at all.
 */
@Injectable()
export class ReserveStockHandler implements TransactionalHandler<StockReservationRequested> {
  private readonly logger = new Logger('ReserveStockHandler');

  constructor(
    private readonly products: ProductsRepository,
    private readonly reservations: ReservationsRepository,
    private readonly outbox: Outbox,
  ) {}

  async handle(message: MessageEnvelope<StockReservationRequested>, tx: EntityManager): Promise<void> {
    const { checkoutId, items } = message.payload;
    const origin: MessageOrigin = { correlationId: checkoutId, causedBy: message };
    const existing = await this.reservations.findByCheckout(tx, checkoutId);
    if (existing !== null) return this.answerAgain(tx, existing, origin);

    // Read without locks; the versioned writes below refuse the lot if any product changed
    // in between, and the inbox re-runs this whole decision on fresh stock levels.
    const products = await this.products.findBySkus(tx, items.map((item) => item.sku));
    const availability = checkAvailability(items, products);
    if (!availability.ok) {
      const { reason, sku } = availability;
      await this.outbox.enqueue(tx, StockReservationFailed, { checkoutId, reason, sku }, origin);
      return;
    }
    const order = priceOrder(availability.lines);
    const reservationId = await this.reservations.insertHeld(tx, checkoutId, order);
    for (const { product, qty } of inSkuOrder(availability.lines, (line) => line.product.sku)) {
      await this.products.saveStock(tx, product, reserve(product, qty));
    }
    await this.outbox.enqueue(tx, StockReserved, stockReserved(checkoutId, reservationId, order), origin);
  }

  private async answerAgain(tx: EntityManager, reservation: Reservation, origin: MessageOrigin): Promise<void> {
    if (isHeld(reservation)) {
      await this.outbox.enqueue(tx, StockReserved, stockReserved(reservation.checkoutId, reservation.id, reservation), origin);
      return;
    }
    this.logger.warn(`reservation request for checkout ${reservation.checkoutId} ignored: its reservation is already ${reservation.status}`);
  }
}

function stockReserved(checkoutId: string, reservationId: string, order: PricedOrder): StockReserved {
  return { checkoutId, reservationId, lines: order.lines, amount: order.amount, currency: order.currency };
}
