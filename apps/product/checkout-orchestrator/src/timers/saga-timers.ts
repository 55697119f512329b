import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CheckoutTimer } from '../checkout-saga/checkout-saga.definition';

export interface DueTimer {
  checkoutId: string;
  timer: CheckoutTimer;
  /** The trace of the transaction that armed it: the timer fires in the checkout's trace. */
  traceparent?: string | null;
}

/** What a batch of saga steps leaves of one timer: armed (due in `inMs`) or disarmed (`arm: null`). */
export interface TimerChange {
  checkoutId: string;
  timer: CheckoutTimer;
  arm: { inMs: number; traceparent: string | null } | null;
}

/**
 * Durable saga deadlines, kept in Postgres next to the saga row and changed in the same
 * transaction as its state: a restart loses none, and a disarmed timer can never fire.
 */
@Injectable()
export class SagaTimers {
  private readonly armedListeners = new Set<(dueAt: number) => void>();

  /** Told the deadline (epoch ms) of each timer this process arms, so the scheduler wakes for it. */
  onArmed(listener: (dueAt: number) => void): () => void {
    this.armedListeners.add(listener);
    return () => this.armedListeners.delete(listener);
  }

  /**
   * Arms and disarms what a batch of steps asks for: one statement for each, sent together (at
   * most one change per timer, so the two touch different rows and their order does not matter).
   */
  async change(tx: EntityManager, changes: readonly TimerChange[]): Promise<void> {
    const disarmed = changes.filter((change) => change.arm === null);
    const armed = changes.flatMap((change) => (change.arm ? [{ ...change, arm: change.arm }] : []));
    const statements: Promise<unknown>[] = [];
    if (disarmed.length > 0) {
      statements.push(tx.query(
        `DELETE FROM checkout.saga_timers t USING unnest($1::uuid[], $2::text[]) AS d(checkout_id, timer)
         WHERE t.checkout_id = d.checkout_id AND t.timer = d.timer`,
        [disarmed.map((c) => c.checkoutId), disarmed.map((c) => c.timer)],
      ));
    }
    if (armed.length > 0) {
      statements.push(tx.query(
        `INSERT INTO checkout.saga_timers (checkout_id, timer, due_at, traceparent)
         SELECT checkout_id, timer, now() + make_interval(secs => in_s), traceparent
         FROM unnest($1::uuid[], $2::text[], $3::float8[], $4::text[]) AS a(checkout_id, timer, in_s, traceparent)
         ON CONFLICT (checkout_id, timer) DO UPDATE SET due_at = EXCLUDED.due_at, traceparent = EXCLUDED.traceparent`,
        [armed.map((c) => c.checkoutId), armed.map((c) => c.timer), armed.map((c) => c.arm.inMs / 1000), armed.map((c) => c.arm.traceparent)],
      ));
    }
    await Promise.all(statements);
    if (armed.length > 0) {
      // Told before the commit, but the deadline is seconds away: the row is there by then.
      const soonest = Date.now() + Math.min(...armed.map((c) => c.arm.inMs));
      for (const listener of this.armedListeners) listener(soonest);
    }
  }

  /** The earliest deadline still armed (epoch ms, by the database's clock), or null when none is. */
  async nextDue(tx: EntityManager): Promise<number | null> {
    const [row]: { dueAt: Date | null }[] = await tx.query('SELECT min(due_at) AS "dueAt" FROM checkout.saga_timers');
    return row?.dueAt ? row.dueAt.getTime() : null;
  }

  /** Timers whose deadline has passed, oldest first. */
  due(tx: EntityManager, limit: number): Promise<DueTimer[]> {
    return tx.query(
      `SELECT checkout_id AS "checkoutId", timer, traceparent FROM checkout.saga_timers
       WHERE due_at <= now() ORDER BY due_at LIMIT $1`,
      [limit],
    );
  }

  /**
   * Takes a due timer for this transaction: locked (another scheduler skips it) and deleted,
   * so it fires once. False when it is gone (disarmed, or fired by someone else) or not due.
   */
  async claim(tx: EntityManager, due: DueTimer): Promise<boolean> {
    const locked: unknown[] = await tx.query(
      `SELECT 1 FROM checkout.saga_timers WHERE checkout_id = $1 AND timer = $2 AND due_at <= now()
       FOR UPDATE SKIP LOCKED`,
      [due.checkoutId, due.timer],
    );
    if (locked.length === 0) return false;
    await tx.query('DELETE FROM checkout.saga_timers WHERE checkout_id = $1 AND timer = $2', [due.checkoutId, due.timer]);
    return true;
  }
}
