import { DatabaseService, MetricsService } from '@checkout/platform';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { CHECKOUT_SAGA, CHECKOUT_STATES, type CheckoutState } from '../checkout-saga/checkout-saga.definition';
import { CheckoutsOverloadedError, overloaded, type Refusal } from './checkouts-overloaded.error';
import { LatencyLimit } from './latency-limit';
import { RetryPacing } from './retry-pacing';

export const ADMISSION_LIMITS = Symbol('ADMISSION_LIMITS');
/** `() => boolean`: whether this instance's broker connection is up (BrokerConnection's manager). */
export const BROKER_CONNECTED = Symbol('BROKER_CONNECTED');

export interface AdmissionLimits {
  /** Checkouts under way (not final, not waiting for an operator) beyond which new ones are shed. */
  maxActiveCheckouts: number;
  /** How long the oldest checkout may have waited for its first step before new ones are shed. */
  maxFirstStepWaitMs: number;
  /** Starts handled at once by this instance; beyond, a request is shed before it waits for a connection. */
  maxConcurrentStarts: number;
  /** How old the count may be before a request refreshes it. */
  sampleMs: number;
  /**
   * The p90 of a checkout's time from its POST to the customer's turn (or its end) that the
   * adaptive limit on checkouts in those first steps steers to.
   */
  targetLatencyMs: number;
}

/** The states a checkout is under way in: derived from the table, so a new state counts by itself. */
const ACTIVE_STATES = CHECKOUT_STATES.filter((state) => !CHECKOUT_SAGA.states[state].final && !CHECKOUT_SAGA.states[state].attention);

/**
 * The states in which a checkout waits only on the cluster: from the initial state along the
 * transitions that arm no timer, end nothing and compensate nothing. A timer means the saga
 * now waits on someone else (the customer, for the payment); those steps are not the
 * cluster's latency, and a customer who takes long must not shrink everyone's admission.
 */
export const CLUSTER_DRIVEN_STATES: readonly CheckoutState[] = (() => {
  const found = new Set<CheckoutState>([CHECKOUT_SAGA.initial]);
  for (const state of found) {
    for (const transitions of Object.values(CHECKOUT_SAGA.states[state].on)) {
      for (const step of transitions ?? []) {
        if (!step.arm && !step.compensation && !CHECKOUT_SAGA.states[step.to].final) found.add(step.to);
      }
    }
  }
  return [...found];
})();
const CLUSTER_DRIVEN: ReadonlySet<string> = new Set(CLUSTER_DRIVEN_STATES);

/** The adaptive limit's floor, start and window (see LatencyLimit). */
const LIMIT = { min: 4, initial: 16, windowMs: 250 };

/**
 * Admission control for new checkouts. Beyond capacity a queue only grows, and every checkout
 * in it gets slower; so a new one is refused at once with 503 and Retry-After, and the ones
 * admitted keep their latency, when either
 * - as many checkouts are in their cluster-driven first steps as the adaptive limit allows:
 *   a limit steered by how long those steps took for the checkouts admitted under it
 *   (LatencyLimit: throughput × target latency, found by measuring rather than guessed), or
 * - `maxActiveCheckouts` are under way in all (a fixed ceiling, whatever the machine), or
 * - the oldest checkout still waiting for its first step (the stock reservation) has waited
 *   longer than `maxFirstStepWaitMs`: a backstop for a cluster that finishes nothing at all,
 *   which gives the limit no samples to steer by, or
 * - this instance is already handling `maxConcurrentStarts` requests: past that, a request
 *   would only queue for a database connection the message consumers need to finish the
 *   checkouts already admitted (and time out there as a 500).
 * While the broker is away the first two latency rules are set aside: no checkout can take
 * its first step then, whatever the cluster's capacity, and the outbox is there to hold them
 * until the broker returns (decision 0038). The ceiling on checkouts under way still bounds
 * what waits.
 * The counts come from the saga table (the truth, shared by every orchestrator instance), read at
 * most once per `sampleMs` by whichever request finds it stale; admissions since that read
 * are added to the counts, so a burst between two reads cannot overshoot a limit. Each
 * instance steers its own limit from the checkouts it sees through their first steps: the
 * instances share one queue, so each sees a fair sample.
 *
 * Under overload most requests are refused, so a refusal must cost next to nothing:
 * `refusalBeforeReading` decides from these counts alone, before the request's body is read
 * (see early-refusal.ts), and its Retry-After grows with the overload (RetryPacing).
 */
@Injectable()
export class AdmissionControl {
  private active = 0;
  private firstSteps = 0;
  private oldestFirstStepWaitMs = 0;
  private admittedSinceCount = 0;
  private countedAt = Number.NEGATIVE_INFINITY;
  private counting?: Promise<void>;
  private starting = 0;
  private readonly limit: LatencyLimit;
  private readonly limitGauge;
  private readonly pacing = new RetryPacing();

  constructor(
    private readonly database: DatabaseService,
    @Inject(ADMISSION_LIMITS) private readonly limits: AdmissionLimits,
    metrics: MetricsService,
    @Optional() @Inject(BROKER_CONNECTED) private readonly brokerConnected: () => boolean = () => true,
  ) {
    this.limit = new LatencyLimit({ ...LIMIT, targetMs: limits.targetLatencyMs, max: limits.maxActiveCheckouts }, Date.now());
    this.limitGauge = metrics.gauge('admission_first_steps_limit', 'Checkouts this instance admits into their first steps at once (the adaptive limit)');
  }

  /** Runs `start` unless this instance already handles its maximum of starts; else sheds. */
  async bounded<T>(start: () => Promise<T>): Promise<T> {
    const busy = this.tooManyStarting();
    if (busy) throw new CheckoutsOverloadedError(busy);
    this.starting++;
    try {
      return await start();
    } finally {
      this.starting--;
    }
  }

  /**
   * The refusal a new checkout would get now, decided without any I/O from the last count (a
   * stale count is refreshed in the background, for the requests after this one): what the
   * edge of the service checks before it reads a request's body. A request it lets through is
   * still judged by `admit`, on a fresh count.
   */
  refusalBeforeReading(): Refusal | undefined {
    if (this.isStale()) void this.recount().catch(() => undefined); // admit() reports a count that fails
    return this.tooManyStarting() ?? this.refusal(this.firstSteps + this.admittedSinceCount);
  }

  /** Resolves when a new checkout may start; throws CheckoutsOverloadedError when it may not. */
  async admit(): Promise<void> {
    if (this.isStale()) await this.recount();
    const inFirstSteps = this.firstSteps + this.admittedSinceCount;
    this.limit.underWay(inFirstSteps);
    const refusal = this.refusal(inFirstSteps);
    if (refusal) throw new CheckoutsOverloadedError(refusal);
    this.admittedSinceCount++;
    this.pacing.admitted(performance.now());
  }

  /**
   * A transition this instance applied (and committed): a checkout leaving its cluster-driven
   * first steps tells the limit how long they took.
   */
  observe(from: string, to: string, createdAt: Date): void {
    if (CLUSTER_DRIVEN.has(from) && !CLUSTER_DRIVEN.has(to)) {
      const now = Date.now();
      this.limit.observe(createdAt.getTime(), now - createdAt.getTime());
    }
  }

  private tooManyStarting(): Refusal | undefined {
    return this.starting >= this.limits.maxConcurrentStarts ? this.overloaded(`${this.starting} checkouts are being started`) : undefined;
  }

  private refusal(inFirstSteps: number): Refusal | undefined {
    const limit = this.limit.current(Date.now());
    this.limitGauge.set(limit);
    // While the broker is away the first steps cannot move, so their latency says nothing about
    // load: the outbox holds what is accepted, and only the cap on checkouts under way applies.
    const brokerAway = !this.brokerConnected();
    if (!brokerAway && inFirstSteps >= limit) {
      return this.overloaded(`${limit} checkouts are in their first steps, as many as finish them in ${this.limits.targetLatencyMs} ms`);
    }
    if (this.active + this.admittedSinceCount >= this.limits.maxActiveCheckouts) {
      return this.overloaded(`${this.limits.maxActiveCheckouts} checkouts are under way`);
    }
    if (!brokerAway && this.oldestFirstStepWaitMs > this.limits.maxFirstStepWaitMs) {
      return this.overloaded(`checkouts are waiting ${this.oldestFirstStepWaitMs} ms for their stock`);
    }
    return undefined;
  }

  private overloaded(why: string): Refusal {
    return overloaded(why, this.pacing.refused(performance.now()));
  }

  private isStale(): boolean {
    return performance.now() - this.countedAt > this.limits.sampleMs;
  }

  /** One count at a time: concurrent requests that find it stale wait for the same query. */
  private recount(): Promise<void> {
    this.counting ??= this.countActive().finally(() => (this.counting = undefined));
    return this.counting;
  }

  private async countActive(): Promise<void> {
    const [row] = await this.database.dataSource.query(
      `SELECT count(*)::int AS active,
              count(*) FILTER (WHERE state = ANY($3::text[]))::int AS first_steps,
              COALESCE(EXTRACT(EPOCH FROM now() - min(updated_at) FILTER (WHERE state = $2)) * 1000, 0)::int AS waited
       FROM checkout.checkouts WHERE state = ANY($1::text[])`,
      [ACTIVE_STATES, CHECKOUT_SAGA.initial, CLUSTER_DRIVEN_STATES],
    );
    this.active = row.active;
    this.firstSteps = row.first_steps;
    this.oldestFirstStepWaitMs = row.waited;
    this.admittedSinceCount = 0;
    this.countedAt = performance.now();
  }
}
