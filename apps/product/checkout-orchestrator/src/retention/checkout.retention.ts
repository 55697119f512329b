import { carryForward, RETENTION_CUTOFF, type RetentionStep } from '@checkout/platform';
import type { CheckoutState } from '../checkout-saga/checkout-saga.definition';

/** The states a checkout never leaves by itself: only these are ever deleted. */
export const FINISHED_STATES: readonly CheckoutState[] = ['Completed', 'Cancelled', 'Failed'];

/**
 * Finished checkouts older than the retention, with their transitions and any timer left on
 * them. What the audit needs of them is carried forward in `checkout.retention_totals`:
 * - `checkouts` / state: how many ended in each state (a Failed one was never resolved);
 * - `units.completed` / SKU: the units of completed orders (the other side of catalog's sales);
 * - `unexplained-endings` / payment method: Cancelled or Failed without a stock shortage;
 * - `timers.on-finished` / timer: a timer still armed on a Completed or Cancelled checkout.
 * The last two are anomalies: counted, not forgotten, so the checker still reports them.
 */
export const finishedCheckouts: RetentionStep = {
  name: 'checkouts',
  tables: ['checkout.checkouts', 'checkout.checkout_transitions', 'checkout.saga_timers'],
  sql: `
    WITH doomed AS (
      SELECT id FROM checkout.checkouts
       WHERE state IN (${FINISHED_STATES.map((state) => `'${state}'`).join(', ')}) AND updated_at < ${RETENTION_CUTOFF}
       ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED
    ),
    transitions AS (
      DELETE FROM checkout.checkout_transitions t USING doomed d WHERE t.checkout_id = d.id RETURNING t.checkout_id, t.event
    ),
    timers AS (
      DELETE FROM checkout.saga_timers t USING doomed d WHERE t.checkout_id = d.id RETURNING t.checkout_id, t.timer
    ),
    gone AS (
      DELETE FROM checkout.checkouts c USING doomed d WHERE c.id = d.id RETURNING c.id, c.state, c.data
    ),
    counted (metric, subject, value) AS (
      SELECT 'checkouts', state, count(*) FROM gone GROUP BY state
      UNION ALL
      SELECT 'units.completed', item->>'sku', sum((item->>'qty')::int)
        FROM gone, jsonb_array_elements(gone.data->'items') AS item WHERE state = 'Completed' GROUP BY 2
      UNION ALL
      SELECT 'unexplained-endings', coalesce(data->>'paymentMethod', ''), count(*) FROM gone g
       WHERE state IN ('Cancelled', 'Failed')
         AND NOT EXISTS (SELECT 1 FROM transitions t WHERE t.checkout_id = g.id AND t.event = 'StockReservationFailed')
       GROUP BY 2
      UNION ALL
      SELECT 'timers.on-finished', t.timer, count(*) FROM timers t JOIN gone g ON g.id = t.checkout_id
       WHERE g.state IN ('Completed', 'Cancelled') GROUP BY 2
    ),
    ${carryForward('checkout', 'gone')}`,
};
