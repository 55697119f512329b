import { type MessageEnvelope, StockReservationFailed, StockReservationRequested, StockReserved } from '@checkout/contracts';
import { type MessageOrigin, Outbox, type TransactionalHandler } from '@checkout/outbox';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProductsRepository } from '../products/products.repository';
import { inSkuOrder } from '../products/sku-order';
import { reservation } from '../products/stock.rules';
import { type Availability, checkAvailability, type OrderItem, type OrderLine, type PricedOrder, type PricedProduct, priceOrder } from './order.rules';
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

    const held = await this.holdAll(tx, items);
    if (!held.ok) {
      const { reason, sku } = held;
      await this.outbox.enqueue(tx, StockReservationFailed, { checkoutId, reason, sku }, origin);
      return;
    }
    const order = priceOrder(held.lines);
    const reservationId = await this.reservations.insertHeld(tx, checkoutId, order);
    await this.outbox.enqueue(tx, StockReserved, stockReserved(checkoutId, reservationId, order), origin);
  }

  /**
   * Holds every line with one conditional update each (in SKU order, so two orders sharing
   * products lock them in the same order and cannot deadlock). All or nothing: when a line
   * cannot be held, rolling back to the savepoint gives back the lines already held, and the
   * refusal is explained from a plain read (unknown SKU before shortage, as the rules say).
   */
  private async holdAll(tx: EntityManager, items: readonly OrderItem[]): Promise<Availability<PricedProduct>> {
    // A single line that cannot be held changed nothing, so there is nothing to give back:
    // the savepoint (two more round trips) is only for orders of several lines.
    const savepoint = items.length > 1;
    if (savepoint) await tx.query('SAVEPOINT hold_lines');
    // Priced in the order's own sequence, as the customer listed the lines.
    const lines: OrderLine<PricedProduct>[] = new Array(items.length);
    const numbered = items.map((item, position) => ({ ...item, position }));
    for (const item of inSkuOrder(numbered, (each) => each.sku)) {
      const product = await this.products.move(tx, item.sku, reservation(item.qty));
      if (product === null) {
        if (savepoint) await tx.query('ROLLBACK TO SAVEPOINT hold_lines');
        const products = await this.products.findBySkus(tx, items.map((each) => each.sku));
        const refusal = checkAvailability(items, products);
        // Stock may have arrived since the update missed; the line that missed is still the answer.
        return refusal.ok ? { ok: false, reason: 'OUT_OF_STOCK', sku: item.sku } : refusal;
      }
      lines[item.position] = { product, qty: item.qty };
    }
    if (savepoint) await tx.query('RELEASE SAVEPOINT hold_lines');
    return { ok: true, lines };
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
