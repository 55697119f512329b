import { DatabaseService, MetricsService, quoteIdent, ReadinessRegistry } from '@checkout/platform';
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Gauge } from 'prom-client';
import { OutboxSettings } from '../outbox.settings';

export interface OutboxBacklog {
  pending: number;
  oldestPendingAgeSeconds: number;
}

/**
 * Backlog and age of the oldest unsent row: on /health/ready and as gauges on /metrics, read
 * when readiness asks or Prometheus scrapes, not on a timer: between scrapes an idle service
 * queries nothing.
 */
@Injectable()
export class OutboxMonitor implements OnModuleInit {
  private readonly pending: Gauge;
  private readonly oldestPendingAge: Gauge;
  /** Both gauges are collected side by side at a scrape: one query answers both. */
  private collecting?: Promise<void>;

  constructor(
    private readonly database: DatabaseService,
    private readonly settings: OutboxSettings,
    private readonly readiness: ReadinessRegistry,
    metrics: MetricsService,
  ) {
    // A failed read keeps the last values: the scrape itself must not fail with the database.
    const collect = () =>
      (this.collecting ??= this.backlog()
        .then(() => undefined, () => undefined)
        .finally(() => (this.collecting = undefined)));
    this.pending = metrics.gauge('outbox_pending', 'Outbox rows not yet confirmed by the broker', [], collect);
    this.oldestPendingAge = metrics.gauge('outbox_oldest_pending_age_seconds', 'Age of the oldest unsent outbox row', [], collect);
  }

  onModuleInit(): void {
    this.readiness.register('outbox', async () => {
      if (!this.database.dataSource.isInitialized) return { up: false, details: { reason: 'database not ready' } };
      const backlog = await this.backlog();
      const tooOld = backlog.oldestPendingAgeSeconds * 1000 > this.settings.maxPendingAgeMs;
      return { up: !tooOld, details: { ...backlog } };
    });
  }

  async backlog(): Promise<OutboxBacklog> {
    if (!this.database.dataSource.isInitialized) return { pending: 0, oldestPendingAgeSeconds: 0 };
    const [row] = await this.database.dataSource.query(
      `SELECT count(*)::int AS pending,
              coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS age
       FROM ${quoteIdent(this.settings.schema)}.outbox WHERE sent_at IS NULL`,
    );
    this.pending.set(row.pending);
    this.oldestPendingAge.set(row.age);
    return { pending: row.pending, oldestPendingAgeSeconds: Math.round(row.age * 10) / 10 };
  }
}
