import { PollingLoop } from './polling-loop';

export interface DeadlineLoopOptions {
  /** Names the loop in its log lines. */
  readonly name: string;
  /** The look taken when no deadline is known: only a backstop (work made due by another process). */
  readonly fallbackMs: number;
  /** How soon a pass that failed is tried again. */
  readonly errorBackoffMs: number;
  /**
   * The soonest a pass follows the last: work whose handling failed stays due, and its
   * deadline, already past, must not spin the loop.
   */
  readonly minGapMs?: number;
  /** Passes run side by side (see PollingLoopOptions.lanes). */
  readonly lanes?: number;
}

/**
 * One pass over work stored with deadlines. Resolves with the next deadline it knows of (epoch
 * ms; `Date.now()` for "more is due at once"), or null when nothing is pending.
 */
export type DeadlinePass = (stopping: AbortSignal) => Promise<number | null>;

/**
 * A PollingLoop that sleeps until the earliest deadline known instead of polling: after each
 * pass, until the deadline the pass found; in between, until a deadline made known in this
 * process (`wakeAt`) if it is sooner. The fallback interval is the only poll, so at rest, with
 * nothing pending, nothing runs more often than that. The table is the truth and the timer a
 * wake-up: a process gone before the deadline loses nothing, the next pass anywhere finds it.
 */
export class DeadlineLoop {
  private readonly loop: PollingLoop;
  private readonly minGapMs: number;
  /** The one wake-up pending, and when: a later deadline never pushes it back. */
  private timer?: NodeJS.Timeout;
  private dueAt = Infinity;
  private stopped = false;

  constructor(pass: DeadlinePass, options: DeadlineLoopOptions) {
    this.minGapMs = options.minGapMs ?? 0;
    this.loop = new PollingLoop(
      async (stopping) => {
        const next = await pass(stopping);
        if (next !== null) this.wakeAt(Math.max(next, Date.now() + this.minGapMs));
        // Always false: the loop's own wait is the fallback, and the deadline's timer wakes it.
        return false;
      },
      { name: options.name, intervalMs: options.fallbackMs, errorBackoffMs: options.errorBackoffMs, lanes: options.lanes },
    );
  }

  /** Starts once `ready` resolves (see PollingLoop.start); the first pass runs at once. */
  start(ready?: Promise<unknown>): void {
    this.stopped = false;
    this.loop.start(ready);
  }

  /** Runs a pass now: one idle lane wakes, or the next to idle. */
  wake(): void {
    this.loop.wake();
  }

  /** Runs a pass at `at` (epoch ms; at once if it has passed), unless one is due sooner already. */
  wakeAt(at: number): void {
    if (this.stopped || at >= this.dueAt) return;
    clearTimeout(this.timer);
    this.dueAt = at;
    this.timer = setTimeout(() => {
      this.dueAt = Infinity;
      this.loop.wake();
    }, Math.max(0, at - Date.now()));
  }

  /** Disarms the wake-up and lets the pass in flight finish (see PollingLoop.stop). */
  stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.dueAt = Infinity;
    return this.loop.stop();
  }
}
