import { DatabaseService } from '@checkout/platform';
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { SagaTimers } from '../timers/saga-timers';
import { ApplyCheckoutEvents, type SagaInput } from './apply-checkout-events.command';
import { CHECKOUT_POLICY, type CheckoutPolicy } from './checkout-data';
import { CheckoutSagaMetrics, type CommittedStep } from './checkout-saga.metrics';
import { applyEvent } from './checkout-state-machine';
import type { CheckoutEntity } from './checkout.entity';
import { CheckoutRepository } from './checkout.repository';
import { type SagaStep, SagaStepWriter } from './saga-step.writer';

/**
 * Applies a batch of events to their sagas in one transaction: locks the batch's saga rows in
 * id order (one statement), applies the table to each event in delivery order in memory (two
 * events of one checkout see each other's effect), then writes the new states, the history
 * steps, the timers and the outgoing messages of the whole batch together, in the transaction
 * that also makes each event exactly-once (the batch's inbox rows, or the claimed timer).
 * Resolves to the steps taken; their metrics are counted once the transaction committed.
 */
@CommandHandler(ApplyCheckoutEvents)
export class ApplyCheckoutEventsHandler implements ICommandHandler<ApplyCheckoutEvents, SagaStep[]> {
  private readonly logger = new Logger('CheckoutSaga');

  constructor(
    private readonly database: DatabaseService,
    private readonly checkouts: CheckoutRepository,
    private readonly writer: SagaStepWriter,
    private readonly timers: SagaTimers,
    private readonly metrics: CheckoutSagaMetrics,
    @Inject(CHECKOUT_POLICY) private readonly policy: CheckoutPolicy,
  ) {}

  async execute({ inputs, inbox }: ApplyCheckoutEvents): Promise<SagaStep[]> {
    if (inbox) {
      const taken = await this.apply(inbox.tx, inputs);
      inbox.afterCommit(() => this.metrics.committed(taken));
      return taken.map(({ step }) => step);
    }
    const taken = await this.database.dataSource.transaction(async (tx) => this.apply(tx, await this.claimedTimers(tx, inputs)));
    this.metrics.committed(taken);
    return taken.map(({ step }) => step);
  }

  /** Timer events whose timer is gone (disarmed, fired elsewhere) are dropped; the rest are claimed for `tx`. */
  private async claimedTimers(tx: EntityManager, inputs: readonly SagaInput[]): Promise<SagaInput[]> {
    const claimed: SagaInput[] = [];
    for (const input of inputs) {
      if (input.source.kind !== 'timer' || (await this.timers.claim(tx, input.source.due))) claimed.push(input);
    }
    return claimed;
  }

  private async apply(tx: EntityManager, inputs: readonly SagaInput[]): Promise<CommittedStep[]> {
    const sagas = await this.checkouts.lockAll(tx, [...new Set(inputs.map((input) => input.checkoutId))]);
    const taken: CommittedStep[] = [];
    const moved = new Map<string, CheckoutEntity & { steps: number }>();
    for (const input of inputs) {
      const saga = moved.get(input.checkoutId) ?? sagas.get(input.checkoutId);
      if (!saga) {
        this.logger.warn(`${input.event.type} for unknown checkout ${input.checkoutId}: ignored`);
        continue;
      }
      const step = this.decide(saga, input);
      if (!step) continue;
      moved.set(saga.id, { ...saga, state: step.to, data: step.data, steps: (moved.get(saga.id)?.steps ?? 0) + 1 });
      taken.push({ step, createdAt: saga.createdAt });
    }
    // The rows exist (they were just locked): their new states and the steps' rows go together.
    await Promise.all([this.checkouts.saveAll(tx, [...moved.values()]), this.writer.write(tx, taken.map(({ step }) => step))]);
    return taken;
  }

  /** The step the table takes for this event in the saga's current state, or undefined (ignored). */
  private decide(saga: CheckoutEntity, { checkoutId, event, source, trace }: SagaInput): SagaStep | undefined {
    const outcome = applyEvent({ state: saga.state, data: saga.data }, event, this.policy);
    if (!outcome) {
      this.logger.log(`${event.type} not accepted in ${saga.state} for checkout ${checkoutId}: ignored`);
      this.metrics.ignored.inc({ state: saga.state, event: event.type });
      return undefined;
    }
    const envelope = source.kind === 'message' ? source.envelope : undefined;
    const causeId = envelope?.messageId ?? (source.kind === 'operator' ? source.requestId : crypto.randomUUID());
    return { checkoutId, ...outcome, causeId, causedBy: envelope, trace };
  }
}
