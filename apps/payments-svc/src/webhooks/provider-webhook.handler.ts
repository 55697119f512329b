import { retryOnConflict } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PROVIDER_OPERATIONS, ProviderCalls } from '../provider/provider-calls';
import { CheckoutSessionPaidHandler } from './checkout-session-paid.handler';
import { PaymentIntentFailedHandler } from './payment-intent-failed.handler';
import type { ProviderEvent } from './provider-event.schema';

export type WebhookOutcome = 'accepted' | 'duplicate';

/**
 * Applies a verified provider event exactly once. The event id is recorded in the same
 * transaction as its effect (and the messages it enqueues), so a redelivery — which providers
 * do routinely — finds the id and changes nothing, and a failure rolls both back so the
 * provider's retry applies it afresh.
 */
@Injectable()
export class ProviderWebhookHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessionPaid: CheckoutSessionPaidHandler,
    private readonly paymentFailed: PaymentIntentFailedHandler,
    private readonly calls: ProviderCalls,
  ) {}

  handle(event: ProviderEvent): Promise<WebhookOutcome> {
    return retryOnConflict(() =>
      this.dataSource.transaction(async (tx): Promise<WebhookOutcome> => {
        const first = await recordOnce(tx, event);
        await this.recordCall(tx, event, !first);
        if (!first) return 'duplicate';
        if (event.kind === 'session_paid') await this.sessionPaid.handle(event.session, tx);
        if (event.kind === 'payment_failed') await this.paymentFailed.handle(event.payment, tx);
        return 'accepted';
      }),
    );
  }

  /** The webhook itself, as a row of the checkout's story (a repeat is shown as such). */
  private async recordCall(tx: EntityManager, event: ProviderEvent, duplicate: boolean): Promise<void> {
    const checkoutId = checkoutOf(event);
    if (!checkoutId) return;
    const operation = PROVIDER_OPERATIONS.webhook(event.type);
    await this.calls.record(tx, { checkoutId, direction: 'from-provider', operation, providerReference: event.id, duplicate });
  }
}

/** The checkout an event is about, when it carries our metadata. */
function checkoutOf(event: ProviderEvent): string | undefined {
  if (event.kind === 'session_paid') return event.session.metadata.checkoutId;
  if (event.kind === 'payment_failed') return event.payment.metadata.checkoutId;
  return undefined;
}

/** True the first time an event id is seen. A concurrent duplicate waits on the key, then finds it. */
async function recordOnce(tx: EntityManager, event: ProviderEvent): Promise<boolean> {
  const inserted: unknown[] = await tx.query(
    `INSERT INTO payments.provider_events (event_id, type) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
    [event.id, event.type],
  );
  return inserted.length === 1;
}
