import { DatabaseService, PollingLoop } from '@checkout/platform';

/** Rows deleted per statement, so no clean-up statement holds its locks for long. */
const SLICE = 5000;

export interface Retention {
  /** Names the loop in its log lines. */
  readonly name: string;
  /** The schema-qualified, quoted table. */
  readonly table: string;
  /** The column a slice is picked by: the primary key, or `ctid` for a table without one. */
  readonly key: 'id' | 'ctid';
  /** The timestamp column the retention is measured from; rows where it is null are kept. */
  readonly since: 'sent_at' | 'received_at';
  readonly retentionMs: number;
  readonly intervalMs: number;
}

/**
 * A polling loop that deletes `table`'s rows older than the retention, a slice per statement,
 * every interval (and again at once while slices come back full). Start and stop it with its owner.
 */
export function retentionLoop(database: DatabaseService, retention: Retention): PollingLoop {
  const { name, table, key, since, retentionMs, intervalMs } = retention;
  const deleteSlice = async (): Promise<boolean> => {
    const [, deleted] = await database.dataSource.query(
      `DELETE FROM ${table} WHERE ${key} IN (
         SELECT ${key} FROM ${table} WHERE ${since} < now() - make_interval(secs => $1) LIMIT ${SLICE})`,
      [retentionMs / 1000],
    );
    return deleted === SLICE;
  };
  return new PollingLoop(deleteSlice, { name, intervalMs, errorBackoffMs: intervalMs });
}
