import type { QueryRunner } from 'typeorm';
import { quoteIdent } from '../database/provision';

/**
 * The two tables through which a schema's retention carries its history forward (0037):
 * - `retention_totals`: what was deleted, counted (metric, subject) in the transaction that
 *   deleted it, so the invariant checker reads totals + live rows and never recounts the gone;
 * - `retention_horizon`: the latest cut-off a deletion used: a row that finished before it
 *   may be gone, a row that started after it is certainly still here.
 * Called from each service's own migration.
 */
export async function createRetentionTables(db: QueryRunner, schema: string): Promise<void> {
  const s = quoteIdent(schema);
  await db.query(`
    CREATE TABLE ${s}.retention_totals (
      metric  text   NOT NULL,
      subject text   NOT NULL DEFAULT '',
      value   bigint NOT NULL,
      PRIMARY KEY (metric, subject)
    )`);
  await db.query(`
    CREATE TABLE ${s}.retention_horizon (
      single          boolean     PRIMARY KEY DEFAULT true CHECK (single),
      retained_before timestamptz NOT NULL
    )`);
}

export async function dropRetentionTables(db: QueryRunner, schema: string): Promise<void> {
  const s = quoteIdent(schema);
  await db.query(`DROP TABLE IF EXISTS ${s}.retention_horizon`);
  await db.query(`DROP TABLE IF EXISTS ${s}.retention_totals`);
}

/** The cut-off of a retention statement: `$1` is always the retention in seconds. */
export const RETENTION_CUTOFF = 'now() - make_interval(secs => $1)';

/**
 * The tail of a retention statement: `counted` (a CTE of metric, subject, value) is added to
 * the schema's totals and the horizon moves to this statement's cut-off, in the statement that
 * deletes, so the totals and the rows they replace are never both seen, or both missed.
 * `deleted` is the CTE whose rows count as this batch's size.
 */
export function carryForward(schema: string, deleted: string): string {
  const s = quoteIdent(schema);
  return `
    totals AS (
      INSERT INTO ${s}.retention_totals AS t (metric, subject, value)
      SELECT metric, subject, sum(value) FROM counted WHERE value > 0 GROUP BY metric, subject
      ON CONFLICT (metric, subject) DO UPDATE SET value = t.value + excluded.value
    ),
    horizon AS (
      INSERT INTO ${s}.retention_horizon AS h (retained_before)
      SELECT ${RETENTION_CUTOFF} WHERE EXISTS (SELECT 1 FROM ${deleted})
      ON CONFLICT (single) DO UPDATE SET retained_before = greatest(h.retained_before, excluded.retained_before)
    )
    SELECT count(*)::int AS deleted FROM ${deleted}`;
}
