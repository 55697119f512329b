import { AUDITED_SCHEMAS } from '../audit-role';
import type { Queryable } from '../invariant.types';

/**
 * The retention horizon (docs/decisions/0037): the latest cut-off any service's retention has
 * deleted by, or null when none has deleted anything. Every row about a checkout is written
 * after the checkout itself, so a checkout created at or after the horizon still has all its
 * rows in every schema: per-checkout checks judge exactly those. Before it, rows may be gone
 * from some schemas and not others; there the checks compare totals carried forward + live rows.
 */
export async function retentionHorizon(db: Queryable): Promise<Date | null> {
  const latest = AUDITED_SCHEMAS.map((schema) => `(SELECT max(retained_before) FROM ${schema}.retention_horizon)`);
  const { rows } = await db.query<{ horizon: Date | null }>(`SELECT greatest(${latest.join(', ')}) AS horizon`);
  return rows[0]?.horizon ?? null;
}

/** The horizon as a query parameter: with none, every checkout is after it. */
export const horizonParam = (horizon: Date | null): Date => horizon ?? new Date(0);

/**
 * A row of another schema belongs to a checkout created before the horizon: judged by its
 * checkout's creation while the checkout is still there, else by its own (if its checkout is
 * gone, it was deleted, so it was created before the horizon, and the row after it).
 * `row` has `checkout_id`-keyed alias `c` LEFT JOINed and its own `created_at`.
 */
export const beforeHorizon = (row: string, horizonParamRef: string) => `coalesce(c.created_at, ${row}.created_at) < ${horizonParamRef}`;

/** Totals one schema's retention carried forward for `metric`, per subject (a SQL fragment: subject, value). */
export const carried = (schema: string, metric: string) =>
  `SELECT subject, value::bigint AS value FROM ${schema}.retention_totals WHERE metric = '${metric}'`;

/** Sum of one carried-forward metric, over all subjects or those in `subjects`. */
export async function carriedSum(db: Queryable, schema: string, metric: string, subjects?: readonly string[]): Promise<number> {
  const { rows } = await db.query<{ total: string | null }>(
    `SELECT sum(value) AS total FROM (${carried(schema, metric)}) t WHERE $1::text[] IS NULL OR subject = ANY($1)`,
    [subjects ?? null],
  );
  return Number(rows[0]?.total ?? 0);
}
