import { MetricsService } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import { AdmissionControl } from '../admission/admission-control';
import type { SagaStep } from './saga-step.writer';

/** Where a checkout's run ends (Failed until an operator resumes it): its duration is observed once, on arrival. */
const ENDS: ReadonlySet<string> = new Set(['Completed', 'Cancelled', 'Failed']);
/** A checkout takes well under a second when all is well, and up to the payment timeout and the release retries when not. */
const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** A step that committed, with when its checkout was created. */
export interface CommittedStep {
  readonly step: SagaStep;
  readonly createdAt: Date;
}

/**
 * Counts saga steps once they committed. Counted inside the transaction, a batch that failed
 * late and was re-run (a lost race, a batch retried message by message) would count each
 * transition, and time each checkout, once per attempt, the rolled-back ones included.
 */
@Injectable()
export class CheckoutSagaMetrics {
  private readonly transitions;
  private readonly duration;
  readonly ignored;

  constructor(
    private readonly admission: AdmissionControl,
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

  committed(steps: readonly CommittedStep[]): void {
    for (const { step, createdAt } of steps) {
      if (step.from === null) continue;
      this.transitions.inc({ from: step.from, to: step.to, event: step.event });
      this.admission.observe(step.from, step.to, createdAt);
      if (ENDS.has(step.to) && !ENDS.has(step.from)) {
        this.duration.observe({ outcome: step.to }, (Date.now() - createdAt.getTime()) / 1000);
      }
    }
  }
}
