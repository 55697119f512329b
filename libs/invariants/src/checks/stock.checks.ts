import type { CheckContext, Finding, InvariantCheck, Queryable, StockBaseline } from '../invariant.types';
import { beforeHorizon, carried, horizonParam } from './retention.sql';

export const stockNotNegative: InvariantCheck = {
  name: 'stock-not-negative',
  statement: 'Stock on hand is never negative and never less than what is reserved.',
  async run(db) {
    const { rows } = await db.query<{ sku: string; on_hand: number; reserved: number }>(
      'SELECT sku, on_hand, reserved FROM catalog.products WHERE on_hand < 0 OR reserved < 0 OR reserved > on_hand',
    );
    return rows.map((row) => ({ subject: row.sku, detail: `on hand ${row.on_hand}, reserved ${row.reserved}` }));
  },
};

export const reservedMatchesHeldReservations: InvariantCheck = {
  name: 'reserved-equals-held',
  statement: "Each product's reserved count equals the units in its held reservations.",
  async run(db) {
    // Catalog changes a product's counter and its reservation in one transaction, and the
    // checker reads one snapshot, so this holds exactly even while checkouts are in flight.
    const { rows } = await db.query<{ sku: string; reserved: number; held: number }>(
      `WITH held AS (
         SELECT line->>'sku' AS sku, sum((line->>'qty')::int) AS qty
           FROM catalog.reservations r, jsonb_array_elements(r.lines) AS line
          WHERE r.status = 'held' GROUP BY 1)
       SELECT p.sku, p.reserved, coalesce(h.qty, 0)::int AS held
         FROM catalog.products p LEFT JOIN held h ON h.sku = p.sku
        WHERE p.reserved <> coalesce(h.qty, 0)`,
    );
    return rows.map((row) => ({ subject: row.sku, detail: `reserved ${row.reserved}, held reservations ${row.held}` }));
  },
};

export const soldMatchesCompleted: InvariantCheck = {
  name: 'sold-equals-completed',
  statement: "Units sold equal the completed checkouts' quantities: each sale is one completed order, and no more left the shelf than was on it.",
  async run(db, context) {
    // Per checkout and SKU: what the customer completed against what catalog committed. A
    // checkout either side touched within the quiet window is still settling and not judged.
    // Only checkouts from the retention horizon on: before it, one side may already be deleted.
    const { rows } = await db.query<{ checkout_id: string; sku: string; ordered: number; sold: number }>(
      `WITH ordered AS (
         SELECT c.id AS checkout_id, item->>'sku' AS sku, sum((item->>'qty')::int) AS qty, max(c.updated_at) AS touched
           FROM checkout.checkouts c, jsonb_array_elements(c.data->'items') AS item
          WHERE c.state = 'Completed' AND c.created_at >= $2 GROUP BY 1, 2),
       sold AS (
         SELECT r.checkout_id, line->>'sku' AS sku, sum((line->>'qty')::int) AS qty, max(r.updated_at) AS touched
           FROM catalog.reservations r LEFT JOIN checkout.checkouts c ON c.id = r.checkout_id
          CROSS JOIN LATERAL jsonb_array_elements(r.lines) AS line
          WHERE r.status = 'committed' AND NOT ${beforeHorizon('r', '$2')} GROUP BY 1, 2)
       SELECT coalesce(o.checkout_id, s.checkout_id) AS checkout_id, coalesce(o.sku, s.sku) AS sku,
              coalesce(o.qty, 0)::int AS ordered, coalesce(s.qty, 0)::int AS sold
         FROM ordered o FULL JOIN sold s ON s.checkout_id = o.checkout_id AND s.sku = o.sku
        WHERE coalesce(o.qty, 0) <> coalesce(s.qty, 0)
          AND greatest(o.touched, s.touched) < $1
          AND NOT EXISTS (SELECT 1 FROM checkout.checkouts c
                           WHERE c.id = coalesce(o.checkout_id, s.checkout_id) AND c.updated_at >= $1)`,
      [context.quietBefore, horizonParam(context.horizon)],
    );
    const findings = rows.map((row) => ({
      subject: row.checkout_id,
      detail: `${row.sku}: completed ${row.ordered}, sold ${row.sold}`,
    }));
    const carriedForward = context.horizon ? await soldBeforeHorizon(db, context) : [];
    return [...findings, ...carriedForward, ...(context.baseline ? await oversold(db, context.baseline) : [])];
  },
};

/**
 * Before the retention horizon, per SKU: units of completed checkouts (carried forward + still
 * kept) against units sold (the same). A checkout touched on either side within the quiet
 * window is left out of both.
 */
async function soldBeforeHorizon(db: Queryable, context: CheckContext): Promise<Finding[]> {
  const { rows } = await db.query<{ sku: string; completed: number; sold: number }>(
    `WITH unsettled AS (
       SELECT id FROM checkout.checkouts WHERE updated_at >= $1
       UNION SELECT checkout_id FROM catalog.reservations WHERE updated_at >= $1),
     completed AS (
       SELECT item->>'sku' AS sku, sum((item->>'qty')::int) AS qty
         FROM checkout.checkouts c, jsonb_array_elements(c.data->'items') AS item
        WHERE c.state = 'Completed' AND c.created_at < $2 AND c.id NOT IN (SELECT id FROM unsettled) GROUP BY 1
       UNION ALL ${carried('checkout', 'units.completed')}),
     sold AS (
       SELECT line->>'sku' AS sku, sum((line->>'qty')::int) AS qty
         FROM catalog.reservations r LEFT JOIN checkout.checkouts c ON c.id = r.checkout_id
        CROSS JOIN LATERAL jsonb_array_elements(r.lines) AS line
        WHERE r.status = 'committed' AND ${beforeHorizon('r', '$2')} AND r.checkout_id NOT IN (SELECT id FROM unsettled) GROUP BY 1
       UNION ALL ${carried('catalog', 'units.committed')}),
     per_sku AS (
       SELECT sku, sum(qty) AS completed, 0 AS sold FROM completed GROUP BY sku
       UNION ALL SELECT sku, 0, sum(qty) FROM sold GROUP BY sku)
     SELECT sku, sum(completed)::int AS completed, sum(sold)::int AS sold FROM per_sku GROUP BY sku HAVING sum(completed) <> sum(sold)`,
    [context.quietBefore, horizonParam(context.horizon)],
  );
  return rows.map((row) => ({
    subject: row.sku,
    detail: `before the retention horizon: completed ${row.completed}, sold ${row.sold} (totals carried forward + rows kept)`,
  }));
}

/** Units sold, ever, per SKU: committed reservations still kept plus those retention deleted and counted. */
export const COMMITTED_UNITS_BY_SKU = `SELECT sku, sum(qty) AS qty FROM (
  SELECT line->>'sku' AS sku, (line->>'qty')::bigint AS qty
    FROM catalog.reservations r, jsonb_array_elements(r.lines) AS line WHERE r.status = 'committed'
  UNION ALL SELECT subject, value::bigint FROM catalog.retention_totals WHERE metric = 'units.committed') units
 GROUP BY 1`;

/** Stock that left the shelf since the baseline must be exactly the units sold (committed) since then. */
async function oversold(db: Queryable, baseline: StockBaseline): Promise<Finding[]> {
  const { rows } = await db.query<{ sku: string; on_hand: number; committed: number }>(
    `SELECT p.sku, p.on_hand, coalesce(c.qty, 0)::int AS committed
       FROM catalog.products p LEFT JOIN (${COMMITTED_UNITS_BY_SKU}) c ON c.sku = p.sku`,
  );
  return rows
    .filter((row) => row.sku in baseline.onHand)
    .map((row) => ({ sku: row.sku, fell: baseline.onHand[row.sku] - row.on_hand, sold: row.committed - (baseline.committed[row.sku] ?? 0) }))
    .filter(({ fell, sold }) => fell !== sold)
    .map(({ sku, fell, sold }) => ({
      subject: sku,
      detail: `${sold} sold but stock fell by ${fell} (from ${baseline.onHand[sku]})`,
    }));
}
