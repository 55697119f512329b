import { SANDBOX_PAYMENT_METHODS } from '@checkout/contracts';
import type { Finding, InvariantCheck, Queryable } from '../invariant.types';
import { carriedSum } from './retention.sql';

/** The saga's final states (Failed is not one: it waits for an operator). */
const FINAL = ['Completed', 'Cancelled'];

/** Customers whose card pays: nothing but a real stock shortage may cancel their order. */
const PAYING = [SANDBOX_PAYMENT_METHODS.pays, SANDBOX_PAYMENT_METHODS.webhookTwice];

export const everyCheckoutTerminal: InvariantCheck = {
  name: 'checkouts-terminal',
  statement: 'Every checkout reaches Completed or Cancelled within the bound after the last fault.',
  async run(db, context) {
    const { rows } = await db.query<{ id: string; state: string }>(
      `SELECT id, state FROM checkout.checkouts
        WHERE state <> ALL($1) AND created_at < $2 ORDER BY created_at`,
      [FINAL, context.terminalBefore],
    );
    const stuck = rows.map((row) => ({ subject: row.id, detail: `still ${row.state}` }));
    // A Failed checkout deleted by retention was never resolved: it stays counted against this.
    return [...stuck, ...(await deleted(db, 'checkouts', ['Failed'], 'Failed checkouts deleted by retention unresolved'))];
  },
};

/** A finding for anomalies retention deleted and counted (0037), so they stay reported. */
async function deleted(db: Queryable, metric: string, subjects: readonly string[] | undefined, what: string): Promise<Finding[]> {
  const count = await carriedSum(db, 'checkout', metric, subjects);
  return count > 0 ? [{ subject: 'retention totals', detail: `${count} ${what}` }] : [];
}

export const noTimersOnFinishedCheckouts: InvariantCheck = {
  name: 'no-live-timers-on-finished-checkouts',
  statement: 'A finished checkout has no timer left to fire.',
  async run(db) {
    const { rows } = await db.query<{ id: string; timer: string; state: string }>(
      `SELECT t.checkout_id AS id, t.timer, c.state
         FROM checkout.saga_timers t JOIN checkout.checkouts c ON c.id = t.checkout_id
        WHERE c.state = ANY($1)`,
      [FINAL],
    );
    const armed = rows.map((row) => ({ subject: row.id, detail: `${row.timer} timer armed on a ${row.state} checkout` }));
    return [...armed, ...(await deleted(db, 'timers.on-finished', undefined, 'timers armed on finished checkouts deleted by retention'))];
  },
};

export const payingCustomersNotCancelled: InvariantCheck = {
  name: 'paying-customers-served',
  statement: "No paying customer's order is cancelled by an internal fault (only a real stock shortage may).",
  async run(db, context) {
    // A shortage is the StockReservationFailed transition; any other way to Cancelled or Failed
    // for a card that pays means the cluster, not the customer, lost the order.
    const { rows } = await db.query<{ id: string; state: string }>(
      `SELECT c.id, c.state FROM checkout.checkouts c
        WHERE c.data->>'paymentMethod' = ANY($1) AND c.state IN ('Cancelled', 'Failed') AND c.updated_at < $2
          AND NOT EXISTS (SELECT 1 FROM checkout.checkout_transitions t
                           WHERE t.checkout_id = c.id AND t.event = 'StockReservationFailed')`,
      [PAYING, context.quietBefore],
    );
    const lost = rows.map((row) => ({ subject: row.id, detail: `a paying customer's checkout ended ${row.state}` }));
    return [...lost, ...(await deleted(db, 'unexplained-endings', PAYING, "paying customers' checkouts that ended without a shortage, deleted by retention"))];
  },
};
