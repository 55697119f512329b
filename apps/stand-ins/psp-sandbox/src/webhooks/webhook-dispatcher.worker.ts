import { contextOfTraceparent, DatabaseService } from '@checkout/platform';
import { ProviderSecrets } from '@checkout/provider-secrets';
import { context } from '@opentelemetry/api';
import { Injectable } from '@nestjs/common';
import { PspMetrics } from '../psp.metrics';
import { SandboxSettings } from '../sandbox.settings';
import { PollingWorker } from '../workers/polling-worker';
import { afterFailedAttempt } from './retry-schedule';
import { toStripeEvent } from './stripe-event.view';
import type { EventType } from './webhook-event.entity';
import { postWebhook, SendOutcome, WEBHOOK_TIMEOUT_MS } from './webhook-sender';
import { signatureHeader } from './webhook-signature';

const BATCH_SIZE = 32;
/** Two claims in flight: one lane claims the next batch while the other's webhooks are answered. */
const DISPATCH_LANES = 2;
/** Longer than any attempt can take, so a claimed delivery stays ours until its outcome is recorded. */
const LEASE_MS = 3 * WEBHOOK_TIMEOUT_MS;

interface ClaimedDelivery {
  id: string;
  attempts: number;
  event_id: string;
  type: EventType;
  data_object: object;
  created_at: Date;
  traceparent: string | null;
}

/** Delivers due webhooks, signed, and reschedules the ones the endpoint did not accept. */
@Injectable()
export class WebhookDispatcher extends PollingWorker {
  constructor(
    database: DatabaseService,
    private readonly settings: SandboxSettings,
    private readonly secrets: ProviderSecrets,
    private readonly metrics: PspMetrics,
  ) {
    super(database, 'WebhookDispatcher', DISPATCH_LANES);
  }

  protected async tick(stopping: AbortSignal): Promise<boolean> {
    const now = new Date();
    const claimed = await this.claimDue(now);
    if (claimed.length === 0) {
      await this.wakeAtNextDue(now);
      return false;
    }
    const outcomes = await Promise.all(claimed.map((delivery) => this.attempt(delivery, stopping)));
    await this.record(claimed, outcomes);
    return claimed.length === BATCH_SIZE;
  }

  /**
   * Claims due deliveries by leasing them: SKIP LOCKED keeps two dispatchers off the same rows,
   * and moving `next_attempt_at` past the HTTP timeout keeps them claimed once this short
   * statement commits, so no lock or connection is held while the endpoint answers. If the
   * process dies mid-attempt the lease runs out and the delivery is simply attempted again:
   * webhooks are at-least-once, and receivers de-duplicate by event id.
   */
  private claimDue(now: Date): Promise<ClaimedDelivery[]> {
    return this.database.dataSource.query(
      // A CTE ending in SELECT: TypeORM returns plain rows for it (for a bare UPDATE, a tuple).
      `WITH claimed AS (
         UPDATE psp.webhook_deliveries SET attempts = attempts + 1, next_attempt_at = $2
         WHERE id IN (
           SELECT id FROM psp.webhook_deliveries
           WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
           ORDER BY next_attempt_at LIMIT $3
           FOR UPDATE SKIP LOCKED)
         RETURNING id, attempts, event_id)
       SELECT c.id, c.attempts, e.id AS event_id, e.type, e.data_object, e.created_at, e.traceparent
       FROM claimed c JOIN psp.events e ON e.id = c.event_id`,
      [now, new Date(now.getTime() + LEASE_MS), BATCH_SIZE],
    );
  }

  private attempt(delivery: ClaimedDelivery, stopping: AbortSignal): Promise<SendOutcome> {
    const { event_id: id, type, data_object: dataObject, created_at: createdAt } = delivery;
    const payload = JSON.stringify(toStripeEvent({ id, type, dataObject, createdAt }));
    const signature = signatureHeader(payload, this.secrets.webhookSecrets()); // fresh timestamp per attempt
    // Sent in the event's trace: the fetch carries its traceparent, so payments handles the webhook there.
    return context.with(contextOfTraceparent(delivery.traceparent), () => postWebhook(this.settings.webhookUrl, payload, signature, stopping));
  }

  /**
   * Every outcome of a batch in one statement: delivered, rescheduled (the lease replaced by
   * the retry's time) or given up. Until it commits the lease holds, so a crash here means
   * at worst one more attempt, which receivers de-duplicate by event id.
   */
  private async record(claimed: readonly ClaimedDelivery[], outcomes: readonly SendOutcome[]): Promise<void> {
    const now = Date.now();
    const rows = claimed.map((delivery, i) => ({ delivery, outcome: outcomes[i], next: outcomes[i].delivered ? undefined : afterFailedAttempt(delivery.attempts, this.settings.webhookRetryBaseMs) }));
    const retryAt = (row: (typeof rows)[number]) => (row.next?.retry ? new Date(now + row.next.delayMs) : null);
    await this.database.dataSource.query(
      `UPDATE psp.webhook_deliveries d
       SET last_status = o.last_status, last_error = o.last_error,
           delivered_at = CASE WHEN o.delivered THEN $1::timestamptz END,
           failed_at = CASE WHEN NOT o.delivered AND o.retry_at IS NULL THEN $1::timestamptz END,
           next_attempt_at = COALESCE(o.retry_at, d.next_attempt_at)
       FROM unnest($2::bigint[], $3::int[], $4::text[], $5::boolean[], $6::timestamptz[]) AS o(id, last_status, last_error, delivered, retry_at)
       WHERE d.id = o.id`,
      [
        new Date(now),
        rows.map((row) => row.delivery.id),
        rows.map((row) => row.outcome.status),
        rows.map((row) => row.outcome.error),
        rows.map((row) => row.outcome.delivered),
        rows.map(retryAt),
      ],
    );
    for (const row of rows) {
      const at = retryAt(row);
      if (row.outcome.delivered) this.metrics.webhookDeliveries.inc({ outcome: 'delivered' });
      else if (at) {
        this.metrics.webhookDeliveries.inc({ outcome: 'retry_scheduled' });
        this.wakeAt(at);
      } else {
        this.metrics.webhookDeliveries.inc({ outcome: 'failed' });
        this.logger.warn(`gave up on event ${row.delivery.event_id} after ${row.delivery.attempts} attempts: ${row.outcome.error}`);
      }
    }
  }

  /**
   * Wakes when the next delivery falls due (a retry, or a lease running out): another sandbox
   * or this one before a restart may have scheduled it, and the fallback poll is slow.
   * Only after the claim's `now` (a due delivery not claimed is another dispatcher's), and
   * that same `now`, not the database's clock: a timer firing a moment early finds its
   * delivery here and wakes again at once.
   */
  private async wakeAtNextDue(now: Date): Promise<void> {
    const [row]: { due: Date | null }[] = await this.database.dataSource.query(
      `SELECT min(next_attempt_at) AS due FROM psp.webhook_deliveries
       WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at > $1`,
      [now],
    );
    if (row?.due) this.wakeAt(row.due);
  }
}
