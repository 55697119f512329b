import { activeTraceparent } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import type { CheckoutSession } from '../checkout-sessions/checkout-session.entity';
import { SandboxSettings } from '../sandbox.settings';
import { CustomerActionWorker } from './customer-action.worker';
import { type CustomerStep, customerBehaviour } from './simulated-customers';

/** What a new session's simulated customer will do: one row of `psp.customer_actions` per step. */
export interface CustomerPlan {
  readonly kinds: readonly string[];
  readonly dueAt: readonly Date[];
  readonly webhookCopies: number;
  /** The session's checkout trace, so each action's span joins it. */
  readonly traceparent: string | null;
}

/** Plans what a new session's simulated customer will do, as due rows rather than timers. */
@Injectable()
export class CustomerScheduler {
  constructor(
    private readonly settings: SandboxSettings,
    private readonly worker: CustomerActionWorker,
  ) {}

  /**
   * The rows to write with the session, in the statement that creates it (so both commit or
   * neither does), or undefined for a customer who walks away: nothing will happen.
   */
  plan(session: Pick<CheckoutSession, 'paymentMethod' | 'createdAt'>): CustomerPlan | undefined {
    const behaviour = customerBehaviour(session.paymentMethod);
    if (!behaviour) return undefined;
    return {
      kinds: behaviour.steps.map((step) => step.action),
      dueAt: behaviour.steps.map(
        ({ timing }: CustomerStep) => new Date(session.createdAt.getTime() + (timing === 'late' ? this.settings.latePayDelayMs : this.settings.payDelayMs)),
      ),
      webhookCopies: behaviour.webhookCopies,
      traceparent: activeTraceparent() ?? null,
    };
  }

  /** Committed: the customer acts when each step falls due, not at the worker's next poll. */
  remind(plan: CustomerPlan | undefined): void {
    plan?.dueAt.forEach((at) => this.worker.wakeAt(at));
  }
}
