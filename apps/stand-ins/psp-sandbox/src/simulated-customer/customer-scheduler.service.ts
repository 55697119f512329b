import { activeTraceparent } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CheckoutSession } from '../checkout-sessions/checkout-session.entity';
import { SandboxSettings } from '../sandbox.settings';
import { CustomerActionWorker } from './customer-action.worker';
import { type CustomerStep, customerBehaviour } from './simulated-customers';

/** Plans what a new session's simulated customer will do, as a due row rather than a timer. */
@Injectable()
export class CustomerScheduler {
  constructor(
    private readonly settings: SandboxSettings,
    private readonly worker: CustomerActionWorker,
  ) {}

  /**
   * Runs in the transaction that creates the session, so both commit or neither does.
   * Returns when each step falls due, for `remind` once that transaction committed.
   */
  async schedule(tx: EntityManager, session: CheckoutSession): Promise<Date[]> {
    const behaviour = customerBehaviour(session.paymentMethod);
    if (!behaviour) return []; // a customer who walked away: nothing will happen
    const dueAt = behaviour.steps.map(
      ({ timing }: CustomerStep) => new Date(session.createdAt.getTime() + (timing === 'late' ? this.settings.latePayDelayMs : this.settings.payDelayMs)),
    );
    // Plain SQL, every step in one statement: this runs for every session.
    await tx.query(
      `INSERT INTO psp.customer_actions (session_id, kind, webhook_copies, due_at, traceparent)
       SELECT $1, step.kind, $2, step.due_at, $3 FROM unnest($4::text[], $5::timestamptz[]) AS step(kind, due_at)`,
      [
        session.id,
        behaviour.webhookCopies,
        activeTraceparent() ?? null,
        behaviour.steps.map((step) => step.action),
        dueAt,
      ],
    );
    return dueAt;
  }

  /** Committed: the customer acts when each step falls due, not at the worker's next poll. */
  remind(dueAt: readonly Date[]): void {
    dueAt.forEach((at) => this.worker.wakeAt(at));
  }
}
