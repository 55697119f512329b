import { retryOnConflict, withCheckoutId } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PaymentEntity } from '../payments/payment.entity';
import { PROVIDER_OPERATIONS, ProviderCalls } from '../provider/provider-calls';
import { CheckoutSessionPaidHandler } from './checkout-session-paid.handler';
import { PaymentIntentFailedHandler } from './payment-intent-failed.handler';
import type { ProviderEvent } from './provider-event.schema';
import { ProviderEventRejection } from './provider-event-rejection';

export type WebhookOutcome = 'accepted' | 'duplicate';

/**
 * Applies a verified provider event exactly once. The event id is recorded in the same
 * transaction as its effect (and the messages it enqueues), so a redelivery — which providers
 * do routinely — finds the id and changes nothing, and a failure rolls both back so the
 * provider's retry applies it afresh. An event that does not match what we created throws a
 * ProviderEventRejection out of the transaction: not even its id is kept.
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
        // The event's id and the payment it names are asked for together, one round trip: the
        // connection runs them in the order sent, so the insert (waiting on a concurrent
        // repeat's key, if any) comes first, then the checkout's lock and the payment's row.
        const inserting = recordOnce(tx, event);
        const matching = this.match(event, tx);
        // A failed match is judged below, once the insert has said whether this is a repeat.
        const [first] = await Promise.all([inserting, matching.catch(() => undefined)]);
        if (!first) {
          await this.recordDuplicate(tx, event, matching);
          return 'duplicate';
        }
        const payment = await matching; // not ours: the rejection rolls back everything, even the id
        if (payment === null) return 'accepted'; // a type we do not act on: its id is kept, nothing else
        // Once matched to a payment of ours, the event concerns its checkout: the lines logged
        // while applying it name that checkout (our record's, not the event's claim).
        await withCheckoutId(payment.checkoutId, async () => {
          await this.recordCall(tx, event, payment, false);
          if (event.kind === 'session_paid') await this.sessionPaid.apply(payment, event.session, tx);
          if (event.kind === 'payment_failed') await this.paymentFailed.apply(payment, event.payment, tx);
        });
        return 'accepted';
      }),
    );
  }

  /**
   * The payment the event is about, once its references prove it (ProviderEventRejection if
   * not); null for an event of a type we do not act on.
   */
  private match(event: ProviderEvent, tx: EntityManager): Promise<PaymentEntity | null> {
    if (event.kind === 'session_paid') return this.sessionPaid.match(event.session, tx);
    if (event.kind === 'payment_failed') return this.paymentFailed.match(event.payment, tx);
    return Promise.resolve(null);
  }

  /** A repeat is shown on the checkout's story as such; the first delivery already proved whose it is. */
  private async recordDuplicate(tx: EntityManager, event: ProviderEvent, matching: Promise<PaymentEntity | null>): Promise<void> {
    try {
      const payment = await matching;
      if (payment) await this.recordCall(tx, event, payment, true);
    } catch (error) {
      // A body that disagrees with the stored id's first delivery is no repeat of ours to show.
      if (!(error instanceof ProviderEventRejection)) throw error;
    }
  }

  /** The webhook itself, as a row of the checkout's story. */
  private async recordCall(tx: EntityManager, event: ProviderEvent, payment: PaymentEntity, duplicate: boolean): Promise<void> {
    const operation = PROVIDER_OPERATIONS.webhook(event.type);
    const call = { checkoutId: payment.checkoutId, direction: 'from-provider', operation, providerReference: event.id, duplicate } as const;
    await this.calls.record(tx, call, payment);
  }
}

/** True the first time an event id is seen. A concurrent duplicate waits on the key, then finds it. */
async function recordOnce(tx: EntityManager, event: ProviderEvent): Promise<boolean> {
  const inserted: unknown[] = await tx.query(
    `INSERT INTO payments.provider_events (event_id, type) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
    [event.id, event.type],
  );
  return inserted.length === 1;
}
