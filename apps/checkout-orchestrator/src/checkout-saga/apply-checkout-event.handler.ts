import { DatabaseService, MetricsService, retryOnConflict } from '@checkout/platform';
import { Inbox, Outbox } from '@checkout/outbox';
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { AdmissionControl } from '../admission/admission-control';
import { SagaTimers } from '../timers/saga-timers';
import { ApplyCheckoutEvent } from './apply-checkout-event.command';
import { CHECKOUT_POLICY, type CheckoutPolicy } from './checkout-data';
import { CHECKOUT_MESSAGES } from './checkout-saga.messages';
import { applyEvent, type Outcome } from './checkout-state-machine';
import { CheckoutRepository } from './checkout.repository';

export const ORCHESTRATOR_CONSUMER = 'checkout-orchestrator';

/** Where a checkout's run ends (Failed until an operator resumes it): its duration is observed once, on arrival. */
const ENDS: ReadonlySet<string> = new Set(['Completed', 'Cancelled', 'Failed']);
/** A checkout takes well under a second when all is well, and up to the payment timeout and the release retries when not. */
const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** A transition made in a transaction, and what its metrics need once that commits. */
interface Applied {
  outcome: Outcome;
  createdAt: Date;
}

/**
 * Loads the saga row, applies the table, and saves the new state, the history step, the timers
 * and the outgoing messages in ONE transaction, together with the record that makes the event
 * exactly-once (the inbox row, or the claimed timer). A lost optimistic-concurrency race
 * re-runs the whole transaction against the fresh row.
 */
@CommandHandler(ApplyCheckoutEvent)
export class ApplyCheckoutEventHandler implements ICommandHandler<ApplyCheckoutEvent> {
  private readonly logger = new Logger('CheckoutSaga');
  private readonly transitions;
  private readonly ignored;
  private readonly duration;

  constructor(
    private readonly database: DatabaseService,
    private readonly inbox: Inbox,
    private readonly outbox: Outbox,
    private readonly checkouts: CheckoutRepository,
    private readonly timers: SagaTimers,
    private readonly admission: AdmissionControl,
    @Inject(CHECKOUT_POLICY) private readonly policy: CheckoutPolicy,
    metrics: MetricsService,
  ) {
    this.transitions = metrics.counter('saga_transitions_total', 'Checkout saga transitions', ['from', 'to', 'event']);
    this.ignored = metrics.counter('saga_events_ignored_total', 'Events the saga table did not accept in the current state', ['state', 'event']);
    this.duration = metrics.histogram(
      'checkout_duration_seconds',
      'From a checkout created to its arrival in a final state (Completed, Cancelled, Failed)',
      ['outcome'],
      DURATION_BUCKETS,
    );
  }

  async execute(command: ApplyCheckoutEvent): Promise<void> {
    // Never throws: the outcome (or the failure) goes back through the completion.
    try {
      command.completion.resolve(await this.run(command));
    } catch (error) {
      command.completion.reject(error);
    }
  }

  private async run(command: ApplyCheckoutEvent): Promise<Outcome | undefined> {
    const applied = await this.applyOnce(command);
    // Counted after the commit, once: counted inside, a transaction that failed late and was
    // re-run (a lost race, a serialization failure) would count the transition and time the
    // checkout once per attempt, the rolled-back one included.
    if (applied) this.record(applied);
    return applied?.outcome;
  }

  private async applyOnce(command: ApplyCheckoutEvent): Promise<Applied | undefined> {
    const { source } = command;
    if (source.kind === 'message') {
      let applied: Applied | undefined;
      const handled = await this.inbox.runOnce(ORCHESTRATOR_CONSUMER, source.envelope, async (tx) => {
        applied = await this.transition(tx, command);
      });
      return handled === 'handled' ? applied : undefined;
    }
    return retryOnConflict(() =>
      this.database.dataSource.transaction(async (tx) => {
        if (source.kind === 'timer' && !(await this.timers.claim(tx, source.due))) return undefined;
        return this.transition(tx, command);
      }),
    );
  }

  private record({ outcome, createdAt }: Applied): void {
    this.transitions.inc({ from: outcome.from, to: outcome.to, event: outcome.event });
    this.admission.observe(outcome.from, outcome.to, createdAt);
    if (ENDS.has(outcome.to) && !ENDS.has(outcome.from)) {
      this.duration.observe({ outcome: outcome.to }, (Date.now() - createdAt.getTime()) / 1000);
    }
  }

  private async transition(tx: EntityManager, { checkoutId, event, source }: ApplyCheckoutEvent): Promise<Applied | undefined> {
    const saga = await this.checkouts.load(tx, checkoutId);
    if (!saga) {
      this.logger.warn(`${event.type} for unknown checkout ${checkoutId}: ignored`);
      return undefined;
    }
    const outcome = applyEvent({ state: saga.state, data: saga.data }, event, this.policy);
    if (!outcome) {
      this.logger.log(`${event.type} not accepted in ${saga.state} for checkout ${checkoutId}: ignored`);
      this.ignored.inc({ state: saga.state, event: event.type });
      return undefined;
    }
    const envelope = source.kind === 'message' ? source.envelope : undefined;
    await this.checkouts.save(tx, saga, outcome);
    await this.checkouts.recordTransition(tx, {
      checkoutId,
      fromState: outcome.from,
      toState: outcome.to,
      event: outcome.event,
      messageId: envelope?.messageId ?? (source.kind === 'operator' ? source.requestId : crypto.randomUUID()),
      compensation: outcome.compensation,
    });
    await this.timers.apply(tx, checkoutId, outcome);
    for (const command of outcome.send) {
      const message = CHECKOUT_MESSAGES[command];
      await this.outbox.enqueue(tx, message.definition, message.compose(outcome.data), { correlationId: checkoutId, causedBy: envelope });
    }
    return { outcome, createdAt: saga.createdAt };
  }
}
