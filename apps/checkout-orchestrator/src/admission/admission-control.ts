import { DatabaseService } from '@checkout/platform';
import { Inject, Injectable } from '@nestjs/common';
import { CHECKOUT_SAGA, CHECKOUT_STATES } from '../checkout-saga/checkout-saga.definition';
import { CheckoutsOverloadedError } from './checkouts-overloaded.error';

export const ADMISSION_LIMITS = Symbol('ADMISSION_LIMITS');

export interface AdmissionLimits {
  /** Checkouts under way (not final, not waiting for an operator) beyond which new ones are shed. */
  maxActiveCheckouts: number;
  /** How long the oldest checkout may have waited for its first step before new ones are shed. */
  maxFirstStepWaitMs: number;
  /** Starts handled at once by this instance; beyond, a request is shed before it waits for a connection. */
  maxConcurrentStarts: number;
  /** How old the count may be before a request refreshes it. */
  sampleMs: number;
}

/** The states a checkout is under way in: derived from the table, so a new state counts by itself. */
const ACTIVE_STATES = CHECKOUT_STATES.filter((state) => !CHECKOUT_SAGA.states[state].final && !CHECKOUT_SAGA.states[state].attention);

/**
 * Admission control for new checkouts. Beyond capacity a queue only grows, and every checkout
 * in it gets slower; so a new one is refused at once with 503 and Retry-After, and the ones
 * admitted keep their latency, when either
 * - `maxActiveCheckouts` are under way (a fixed ceiling, whatever the machine), or
 * - the oldest checkout still waiting for its first step (the stock reservation) has waited
 *   longer than `maxFirstStepWaitMs`: the cluster is not keeping up *now*, on this machine,
 *   whatever its speed. (Later steps are not timed: one of them waits for the customer.)
 * - this instance is already handling `maxConcurrentStarts` requests: past that, a request
 *   would only queue for a database connection the message consumers need to finish the
 *   checkouts already admitted (and time out there as a 500).
 * The first two come from the saga table (the truth, shared by every orchestrator instance), read at
 * most once per `sampleMs` by whichever request finds it stale; admissions since that read
 * are added to the count, so a burst between two reads cannot overshoot the ceiling.
 */
@Injectable()
export class AdmissionControl {
  private active = 0;
  private oldestFirstStepWaitMs = 0;
  private admittedSinceCount = 0;
  private countedAt = Number.NEGATIVE_INFINITY;
  private counting?: Promise<void>;
  private starting = 0;

  constructor(
    private readonly database: DatabaseService,
    @Inject(ADMISSION_LIMITS) private readonly limits: AdmissionLimits,
  ) {}

  /** Runs `start` unless this instance already handles its maximum of starts; else sheds. */
  async bounded<T>(start: () => Promise<T>): Promise<T> {
    if (this.starting >= this.limits.maxConcurrentStarts) {
      throw new CheckoutsOverloadedError(`${this.starting} checkouts are being started`);
    }
    this.starting++;
    try {
      return await start();
    } finally {
      this.starting--;
    }
  }

  /** Resolves when a new checkout may start; throws CheckoutsOverloadedError when it may not. */
  async admit(): Promise<void> {
    if (performance.now() - this.countedAt > this.limits.sampleMs) await this.recount();
    if (this.active + this.admittedSinceCount >= this.limits.maxActiveCheckouts) {
      throw new CheckoutsOverloadedError(`${this.limits.maxActiveCheckouts} checkouts are under way`);
    }
    if (this.oldestFirstStepWaitMs > this.limits.maxFirstStepWaitMs) {
      throw new CheckoutsOverloadedError(`checkouts are waiting ${this.oldestFirstStepWaitMs} ms for their stock`);
    }
    this.admittedSinceCount++;
  }

  /** One count at a time: concurrent requests that find it stale wait for the same query. */
  private recount(): Promise<void> {
    this.counting ??= this.countActive().finally(() => (this.counting = undefined));
    return this.counting;
  }

  private async countActive(): Promise<void> {
    const [row] = await this.database.dataSource.query(
      `SELECT count(*)::int AS active,
              COALESCE(EXTRACT(EPOCH FROM now() - min(updated_at) FILTER (WHERE state = $2)) * 1000, 0)::int AS waited
       FROM checkout.checkouts WHERE state = ANY($1::text[])`,
      [ACTIVE_STATES, CHECKOUT_SAGA.initial],
    );
    this.active = row.active;
    this.oldestFirstStepWaitMs = row.waited;
    this.admittedSinceCount = 0;
    this.countedAt = performance.now();
  }
}
