import { ConcurrencyConflictError } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type EntityManager, QueryFailedError } from 'typeorm';
import type { PricedOrder } from './order.rules';
import type { Reservation, ReservationStatus } from './reservation.entity';

/**
 * Reservations, read and written in the caller's transaction only: they change with the stock.
 * Plain parameterised SQL: every checkout reads and writes here several times, and building
 * these statements from entity metadata cost more CPU than running them.
 */
@Injectable()
export class ReservationsRepository {
  async findByCheckout(tx: EntityManager, checkoutId: string): Promise<Reservation | null> {
    const rows: Reservation[] = await tx.query(
      `SELECT id, checkout_id AS "checkoutId", status, lines, amount, currency, created_at AS "createdAt", updated_at AS "updatedAt"
       FROM catalog.reservations WHERE checkout_id = $1`,
      [checkoutId],
    );
    return rows[0] ?? null;
  }

  /**
   * One per checkout (a unique key): a concurrent request for the same checkout blocks on it
   * until this transaction ends, then loses with a conflict, so its whole transaction (the
   * stock it held included) rolls back and re-runs, and sees this row.
   */
  async insertHeld(tx: EntityManager, checkoutId: string, order: PricedOrder): Promise<string> {
    const id = randomUUID();
    await this.insert(tx, { id, checkoutId, status: 'held', lines: [...order.lines], amount: order.amount, currency: order.currency });
    return id;
  }

  /** Remembers that the checkout gave up before anything was held, so nothing ever will be. */
  async insertReleasedBeforeHeld(tx: EntityManager, checkoutId: string): Promise<void> {
    await this.insert(tx, { id: randomUUID(), checkoutId, status: 'released', lines: [], amount: 0, currency: null });
  }

  /**
   * Compare-and-set on the status: if another transaction moved the reservation since it was
   * read (a concurrent release and commit), this one re-runs and decides again.
   */
  async changeStatus(tx: EntityManager, reservation: Reservation, to: ReservationStatus): Promise<void> {
    // A CTE ending in SELECT, so the driver returns the rows that changed (none: a lost race).
    const changed: unknown[] = await tx.query(
      `WITH changed AS (
         UPDATE catalog.reservations SET status = $3, updated_at = now() WHERE id = $1 AND status = $2 RETURNING id)
       SELECT id FROM changed`,
      [reservation.id, reservation.status, to],
    );
    if (changed.length !== 1) {
      throw new ConcurrencyConflictError(`reservation ${reservation.id} is no longer ${reservation.status}`);
    }
  }

  private async insert(tx: EntityManager, values: Omit<Reservation, 'createdAt' | 'updatedAt'>): Promise<void> {
    try {
      await tx.query(
        'INSERT INTO catalog.reservations (id, checkout_id, status, lines, amount, currency) VALUES ($1, $2, $3, $4, $5, $6)',
        [values.id, values.checkoutId, values.status, JSON.stringify(values.lines), values.amount, values.currency],
      );
    } catch (error) {
      if (isDuplicateCheckout(error)) {
        throw new ConcurrencyConflictError(`checkout ${values.checkoutId} got a reservation concurrently`);
      }
      throw error;
    }
  }
}

function isDuplicateCheckout(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const { code, constraint } = error.driverError as { code?: string; constraint?: string };
  return code === '23505' && constraint === 'reservations_one_per_checkout';
}
