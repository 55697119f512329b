import { carryForward, RETENTION_CUTOFF, RetentionModule, type RetentionOptions, type RetentionStep } from '@checkout/platform';

/**
 * Reservations that ended (committed: a sale; released: stock back on the shelf) longer ago
 * than the retention. A held reservation is never touched: its checkout is still under way.
 * An ended reservation is the last thing catalog hears of its checkout (the saga commits or
 * releases, then ends), so it finished before its checkout did. Carried forward in
 * `catalog.retention_totals`: `reservations` / status, and `units.committed` and
 * `units.released` / SKU (what was sold, and what came back).
 */
export const endedReservations: RetentionStep = {
  name: 'reservations',
  tables: ['catalog.reservations'],
  sql: `
    WITH doomed AS (
      SELECT id FROM catalog.reservations
       WHERE status IN ('committed', 'released') AND updated_at < ${RETENTION_CUTOFF}
       ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED
    ),
    gone AS (
      DELETE FROM catalog.reservations r USING doomed d WHERE r.id = d.id RETURNING r.status, r.lines
    ),
    counted (metric, subject, value) AS (
      SELECT 'reservations', status, count(*) FROM gone GROUP BY status
      UNION ALL
      SELECT 'units.' || status, line->>'sku', sum((line->>'qty')::int)
        FROM gone, jsonb_array_elements(gone.lines) AS line GROUP BY 1, 2
    ),
    ${carryForward('catalog', 'gone')}`,
};

/** Catalog's retention: ended reservations; the outbox and inbox forget on the same rule. */
export const catalogRetention = (options: RetentionOptions) =>
  RetentionModule.forRoot({ options, steps: [endedReservations], alsoVacuum: ['catalog.outbox', 'catalog.inbox'] });
