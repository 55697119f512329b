import { contextOfTraceparent, DatabaseService } from '@checkout/platform';
import { context } from '@opentelemetry/api';
import { Injectable } from '@nestjs/common';
import { PspMetrics } from '../psp.metrics';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher.worker';
import { PollingWorker } from '../workers/polling-worker';
import { CustomerAction } from './customer-action.entity';
import { CustomerActionPerformer } from './customer-action.performer';

/** Actions carried out at once, each in its own transaction (see PollingWorker's lanes). */
const CUSTOMER_LANES = 4;

/** Carries out simulated customers' actions when they fall due. */
@Injectable()
export class CustomerActionWorker extends PollingWorker {
  constructor(
    database: DatabaseService,
    private readonly performer: CustomerActionPerformer,
    private readonly dispatcher: WebhookDispatcher,
    private readonly metrics: PspMetrics,
  ) {
    super(database, 'CustomerActionWorker', CUSTOMER_LANES);
  }

  /**
   * One due action per transaction, together with all its effects and its `done_at` mark:
   * it happens completely, exactly once, or not at all. SKIP LOCKED lets another sandbox
   * sharing the database take the next action instead of waiting for this one.
   */
  protected async tick(): Promise<boolean> {
    const outcome = await this.database.dataSource.transaction(async (tx) => {
      const action = await tx
        .createQueryBuilder(CustomerAction, 'action')
        .where('action.doneAt IS NULL AND action.dueAt <= :now', { now: new Date() })
        .orderBy('action.dueAt')
        .limit(1)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getOne();
      if (!action) return undefined;
      // The customer acts in the trace of the session's creation: the checkout's trace.
      const event = await context.with(contextOfTraceparent(action.traceparent), () => this.performer.perform(tx, action));
      await tx.update(CustomerAction, { id: action.id }, { doneAt: new Date() });
      return { event };
    });
    if (!outcome) return false;
    if (outcome.event) {
      this.metrics.eventsCreated.inc({ type: outcome.event.type });
      this.dispatcher.wake(); // committed: deliver now rather than at the next poll
    }
    return true;
  }
}
