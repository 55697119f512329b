import { SANDBOX_PAYMENT_METHODS } from '@checkout/contracts';
import type { InvariantCheck } from '../invariant.types';

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
    return rows.map((row) => ({ subject: row.id, detail: `still ${row.state}` }));
  },
};

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
    return rows.map((row) => ({ subject: row.id, detail: `${row.timer} timer armed on a ${row.state} checkout` }));
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
    return rows.map((row) => ({ subject: row.id, detail: `a paying customer's checkout ended ${row.state}` }));
  },
};
