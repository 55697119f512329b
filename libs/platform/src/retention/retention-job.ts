import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Client } from 'pg';
import type { Counter } from 'prom-client';
import type { DatabaseService } from '../database/database.service';
import type { MetricsService } from '../metrics/metrics.service';
import { PollingLoop } from '../polling/polling-loop';
import type { RetentionOptions } from './retention-settings';

/**
 * One kind of finished thing a service forgets. `sql` is one statement: `$1` the retention in
 * seconds, `$2` the batch size; it deletes at most `$2` rows that finished before the cut-off
 * (with what depends on them), adds what it deleted to the totals (see `carryForward`) and
 * returns one row `{ deleted }`. It picks its rows with `FOR UPDATE SKIP LOCKED`, so it never
 * waits for a row the hot path holds, and two replicas never count the same row.
 */
export interface RetentionStep {
  readonly name: string;
  readonly sql: string;
  /** The schema-qualified tables it deletes from, vacuumed after a pass that deleted something. */
  readonly tables: readonly string[];
}

/**
 * Deletes what a service keeps about finished checkouts once they are older than the
 * retention: each step a batch at a time, one short transaction per batch, a pause between
 * the batches of a backlog, on a PollingLoop at a modest interval. After a pass that deleted
 * rows it vacuums those tables (when given an owner login), so the space is reused even where
 * autovacuum is off: deleting alone leaves dead tuples that new rows cannot use.
 */
export class RetentionJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: PollingLoop;
  private readonly logger = new Logger('Retention');
  private readonly deleted: Counter<'step'>;
  /** Tables deleted from since the last vacuum. */
  private readonly toVacuum = new Set<string>();

  constructor(
    private readonly database: DatabaseService,
    private readonly options: RetentionOptions,
    private readonly steps: readonly RetentionStep[],
    metrics: MetricsService,
    /** Tables other code deletes from by the same rule (the outbox's sent rows, the inbox), vacuumed alongside. */
    private readonly alsoVacuum: readonly string[] = [],
  ) {
    this.deleted = metrics.counter('retention_deleted_rows_total', 'Rows deleted by the retention job, by step.', ['step']);
    this.loop = new PollingLoop((stopping) => this.pass(stopping), {
      name: 'Retention',
      intervalMs: options.intervalMs,
      errorBackoffMs: options.intervalMs,
    });
  }

  onApplicationBootstrap(): void {
    if (!this.options.vacuumUrl) this.logger.log('no RETENTION_VACUUM_URL: deleted rows are reclaimed by autovacuum only');
    this.loop.start(this.database.ready);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /**
   * One batch of every step. True while a backlog remains (the loop comes back at once, after
   * the pause); once none does, the tables deleted from are vacuumed.
   */
  async pass(stopping?: AbortSignal): Promise<boolean> {
    let backlog = false;
    for (const step of this.steps) {
      const deleted = await this.runBatch(step);
      if (deleted > 0) {
        this.deleted.inc({ step: step.name }, deleted);
        step.tables.forEach((table) => this.toVacuum.add(table));
      }
      if (deleted >= this.options.batchSize) backlog = true;
    }
    if (backlog) {
      await pause(this.options.pauseMs, stopping);
      return true;
    }
    if (this.toVacuum.size > 0) await this.vacuum();
    return false;
  }

  private runBatch(step: RetentionStep): Promise<number> {
    return this.database.dataSource.transaction(async (tx) => {
      // Housekeeping gives way: it never queues behind the hot path's locks for long.
      await tx.query(`SET LOCAL lock_timeout = '2s'`);
      const rows: { deleted: number }[] = await tx.query(step.sql, [this.options.retentionSeconds, this.options.batchSize]);
      return rows[0]?.deleted ?? 0;
    });
  }

  /**
   * `VACUUM` (outside any transaction) marks the dead tuples' space reusable. Without
   * truncation: giving the tail of a table back to the file system takes an exclusive lock.
   * A table another replica is vacuuming right now is skipped rather than waited for.
   */
  private async vacuum(): Promise<void> {
    const tables = [...this.toVacuum, ...this.alsoVacuum];
    this.toVacuum.clear();
    if (!this.options.vacuumUrl) return;
    const client = new Client({ connectionString: this.options.vacuumUrl, application_name: `${this.database.schema}-retention` });
    await client.connect();
    try {
      await client.query(`VACUUM (TRUNCATE false, SKIP_LOCKED) ${tables.join(', ')}`);
    } finally {
      await client.end();
    }
  }
}

function pause(ms: number, stopping?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    stopping?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
