import { activeTraceparent } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CheckoutSession } from '../checkout-sessions/checkout-session.entity';
import { SandboxSettings } from '../sandbox.settings';
import { CustomerAction } from './customer-action.entity';
import { customerBehaviour } from './simulated-customers';

/** Plans what a new session's simulated customer will do, as a due row rather than a timer. */
@Injectable()
export class CustomerScheduler {
  constructor(private readonly settings: SandboxSettings) {}

  /** Runs in the transaction that creates the session, so both commit or neither does. */
  async schedule(tx: EntityManager, session: CheckoutSession): Promise<void> {
    const behaviour = customerBehaviour(session.paymentMethod);
    if (!behaviour) return; // a customer who walked away: nothing will happen
    const actions = behaviour.steps.map((step) => ({
      sessionId: session.id,
      kind: step.action,
      webhookCopies: behaviour.webhookCopies,
      dueAt: new Date(session.createdAt.getTime() + (step.timing === 'late' ? this.settings.latePayDelayMs : this.settings.payDelayMs)),
      doneAt: null,
      traceparent: activeTraceparent() ?? null,
    }));
    await tx.insert(CustomerAction, actions);
  }
}
