import type { MetricsService } from '../metrics/metrics.service';
import type { DatabaseService } from './database.service';

/**
 * What an operator of a month-long run watches of a service's database, computed when
 * Prometheus scrapes (no timer): the bytes its schema holds (tables, indexes and TOAST: what
 * retention must keep flat) and, with Vault, how long its current login has left.
 * The alerts DatabaseSchemaGrowing and CredentialLeaseExpiring read them (deploy/prometheus).
 */
export function registerDatabaseMetrics(metrics: MetricsService, database: DatabaseService): void {
  metrics.gauge('database_schema_bytes', "Bytes on disk of the service's own schema (tables, indexes, TOAST)", ['schema'], async function () {
    if (!database.dataSource.isInitialized) return;
    // A failed query leaves the last value: a scrape must answer even while Postgres is away.
    const rows: { bytes: number }[] | undefined = await database.dataSource
      .query(
        `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::float8 AS bytes
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = $1 AND c.relkind IN ('r', 'm')`,
        [database.schema],
      )
      .catch(() => undefined);
    if (rows?.[0]) this.set({ schema: database.schema }, rows[0].bytes);
  });

  const keeper = database.credentials;
  if (!keeper) return;
  metrics.gauge('database_credential_lease_seconds_left', 'Seconds until the current database login (a Vault lease) ends', [], function () {
    const left = keeper.status().leaseSecondsLeft;
    if (left === undefined) this.reset();
    else this.set(left);
  });
}
