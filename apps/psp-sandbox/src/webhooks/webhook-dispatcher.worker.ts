import { contextOfTraceparent, DatabaseService, ProviderSecrets } from '@checkout/platform';
import { context } from '@opentelemetry/api';
import { Injectable } from '@nestjs/common';
import { PspMetrics } from '../psp.metrics';
import { SandboxSettings } from '../sandbox.settings';
import { PollingWorker } from '../workers/polling-worker';
import { afterFailedAttempt } from './retry-schedule';
import { toStripeEvent } from './stripe-event.view';
import { WebhookDelivery } from './webhook-delivery.entity';
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
    const claimed = await this.claimDue();
    await Promise.all(claimed.map((delivery) => this.attempt(delivery, stopping)));
    return claimed.length === BATCH_SIZE;
  }

  /**
   * Claims due deliveries by leasing them: SKIP LOCKED keeps two dispatchers off the same rows,
   * and moving `next_attempt_at` past the HTTP timeout keeps them claimed once this short
   * statement commits, so no lock or connection is held while the endpoint answers. If the
   * process dies mid-attempt the lease runs out and the delivery is simply attempted again:
   * webhooks are at-least-once, and receivers de-duplicate by event id.
   */
  private claimDue(): Promise<ClaimedDelivery[]> {
    const now = new Date();
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

  private async attempt(delivery: ClaimedDelivery, stopping: AbortSignal): Promise<void> {
    const { event_id: id, type, data_object: dataObject, created_at: createdAt } = delivery;
    const payload = JSON.stringify(toStripeEvent({ id, type, dataObject, createdAt }));
    const signature = signatureHeader(payload, this.secrets.webhookSecrets()); // fresh timestamp per attempt
    // Sent in the event's trace: the fetch carries its traceparent, so payments handles the webhook there.
    const outcome = await context.with(contextOfTraceparent(delivery.traceparent), () =>
      postWebhook(this.settings.webhookUrl, payload, signature, stopping),
    );
    await this.record(delivery, outcome);
  }

  private async record(delivery: ClaimedDelivery, outcome: SendOutcome): Promise<void> {
    const deliveries = this.database.dataSource.getRepository(WebhookDelivery);
    const last = { lastStatus: outcome.status, lastError: outcome.error };
    if (outcome.delivered) {
      await deliveries.update(delivery.id, { ...last, deliveredAt: new Date() });
      this.metrics.webhookDeliveries.inc({ outcome: 'delivered' });
      return;
    }
    const next = afterFailedAttempt(delivery.attempts, this.settings.webhookRetryBaseMs);
    if (next.retry) {
      const nextAttemptAt = new Date(Date.now() + next.delayMs);
      await deliveries.update(delivery.id, { ...last, nextAttemptAt });
      this.metrics.webhookDeliveries.inc({ outcome: 'retry_scheduled' });
      this.wakeAt(nextAttemptAt);
      return;
    }
    await deliveries.update(delivery.id, { ...last, failedAt: new Date() });
    this.metrics.webhookDeliveries.inc({ outcome: 'failed' });
    this.logger.warn(`gave up on event ${delivery.event_id} after ${delivery.attempts} attempts: ${outcome.error}`);
  }
}
