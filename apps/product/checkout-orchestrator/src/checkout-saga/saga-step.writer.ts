import { CheckoutTransitioned, type MessageEnvelope } from '@checkout/contracts';
import { inBatchSpan } from '@checkout/messaging';
import { Outbox } from '@checkout/outbox';
import { activeTraceparent } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import { type Context, context } from '@opentelemetry/api';
import type { EntityManager } from 'typeorm';
import { SagaTimers, type TimerChange } from '../timers/saga-timers';
import type { CheckoutData } from './checkout-data';
import type { CheckoutCommand, CheckoutState, CheckoutTimer } from './checkout-saga.definition';
import { CHECKOUT_MESSAGES } from './checkout-saga.messages';
import { CheckoutRepository } from './checkout.repository';

/** One step of one saga, decided in memory: what the writer makes durable. */
export interface SagaStep {
  readonly checkoutId: string;
  /** Null for a checkout's first step (Initial → Initiated). */
  readonly from: CheckoutState | null;
  readonly to: CheckoutState;
  readonly event: string;
  /** The id of what caused it (the message, the operator's request), kept in the history. */
  readonly causeId: string;
  readonly causedBy?: MessageEnvelope;
  readonly compensation: boolean;
  readonly send: readonly CheckoutCommand[];
  readonly arm: { readonly timer: CheckoutTimer; readonly inMs: number } | null;
  readonly disarm: readonly CheckoutTimer[];
  /** The saga's data after the step: what its messages are composed from. */
  readonly data: CheckoutData;
  /** The trace the step was decided in: its messages and timers continue it. */
  readonly trace: Context;
}

/**
 * Makes saga steps durable in the caller's transaction, a statement per kind of row for all
 * the steps together, sent together (the connection pipelines them: one round trip for all):
 * the history rows, the timers (what the steps leave armed or disarmed, in their order) and
 * the messages they send (through the outbox). A watched checkout's step
 * also says so to the edge (CheckoutTransitioned), in the same transaction: published if and
 * only if the step committed, after the messages it sent. Starting a checkout and applying an
 * event write a step the same way, here. The saga rows themselves are created or updated by
 * the caller (CheckoutRepository), which knows whether a row is new.
 */
@Injectable()
export class SagaStepWriter {
  constructor(
    private readonly outbox: Outbox,
    private readonly timers: SagaTimers,
    private readonly checkouts: CheckoutRepository,
  ) {}

  async write(tx: EntityManager, steps: readonly SagaStep[]): Promise<void> {
    if (steps.length === 0) return;
    await inBatchSpan('saga steps', steps.length, () =>
      this.outbox.collecting(tx, async () => {
        await this.enqueue(tx, steps);
        await Promise.all([
          this.checkouts.recordTransitions(tx, steps.map(historyRow)),
          this.timers.change(tx, timerChanges(steps)),
          this.outbox.flush(tx),
        ]);
      }),
    );
  }

  private async enqueue(tx: EntityManager, steps: readonly SagaStep[]): Promise<void> {
    for (const step of steps) {
      const origin = { correlationId: step.checkoutId, causedBy: step.causedBy };
      await context.with(step.trace, async () => {
        const sent: MessageEnvelope[] = [];
        for (const command of step.send) {
          const message = CHECKOUT_MESSAGES[command];
          sent.push(await this.outbox.enqueue(tx, message.definition, message.compose(step.data), origin));
        }
        if (step.data.watched) await this.outbox.enqueue(tx, CheckoutTransitioned, transitionOf(step, sent), origin);
      });
    }
  }
}

/** The step as the visitor's view needs it: the whole message that caused it and those it sent. */
function transitionOf(step: SagaStep, sent: readonly MessageEnvelope[]): CheckoutTransitioned {
  const { checkoutId, from, to, event, compensation } = step;
  return { checkoutId, from, to, event, compensation, at: new Date().toISOString(), causedBy: step.causedBy ?? null, sent };
}

function historyRow(step: SagaStep) {
  return { checkoutId: step.checkoutId, fromState: step.from, toState: step.to, event: step.event, messageId: step.causeId, compensation: step.compensation };
}

/** What the steps leave of each (checkout, timer): a later step's arm or disarm overrides an earlier one's. */
function timerChanges(steps: readonly SagaStep[]): TimerChange[] {
  const last = new Map<string, TimerChange>();
  for (const step of steps) {
    for (const timer of step.disarm) last.set(`${step.checkoutId}/${timer}`, { checkoutId: step.checkoutId, timer, arm: null });
    if (step.arm) {
      const arm = { inMs: step.arm.inMs, traceparent: activeTraceparent(step.trace) ?? null };
      last.set(`${step.checkoutId}/${step.arm.timer}`, { checkoutId: step.checkoutId, timer: step.arm.timer, arm });
    }
  }
  return [...last.values()];
}
