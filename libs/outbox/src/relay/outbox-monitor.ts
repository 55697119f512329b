import { DatabaseService, quoteIdent, ReadinessRegistry } from '@checkout/platform';
import { Injectable, BeforeApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { OutboxMetrics } from '../outbox.metrics';
import { OutboxSettings } from '../outbox.settings';

export interface OutboxBacklog {
  pending: number;
  oldestPendingAgeSeconds: number;
}

/** Backlog and age of the oldest unsent row: on /health/ready and as gauges on /metrics. */
@Injectable()
export class OutboxMonitor implements OnModuleInit, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly database: DatabaseService,
    private readonly settings: OutboxSettings,
    private readonly metrics: OutboxMetrics,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.register('outbox', async () => {
      if (!this.database.dataSource.isInitialized) return { up: false, details: { reason: 'database not ready' } };
      const backlog = await this.backlog();
      const tooOld = backlog.oldestPendingAgeSeconds * 1000 > this.settings.maxPendingAgeMs;
      return { up: !tooOld, details: { ...backlog } };
    });
    this.timer = setInterval(() => void this.backlog().catch(() => undefined), 5000);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async backlog(): Promise<OutboxBacklog> {
    if (!this.database.dataSource.isInitialized) return { pending: 0, oldestPendingAgeSeconds: 0 };
    const [row] = await this.database.dataSource.query(
      `SELECT count(*)::int AS pending,
              coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS age
       FROM ${quoteIdent(this.settings.schema)}.outbox WHERE sent_at IS NULL`,
    );
    this.metrics.pending.set(row.pending);
    this.metrics.oldestPendingAge.set(row.age);
    return { pending: row.pending, oldestPendingAgeSeconds: Math.round(row.age * 10) / 10 };
  }
}
