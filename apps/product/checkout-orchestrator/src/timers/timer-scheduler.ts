import { DatabaseService, DeadlineLoop, DrainRegistry } from '@checkout/platform';
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { CheckoutTimersElapsed } from '../checkout-saga/checkout-timers-elapsed.event';
import { SagaTimers } from './saga-timers';

export const TIMER_POLL_MS = Symbol('TIMER_POLL_MS');
const BATCH = 50;
/** The soonest a scan follows the last: a timer whose firing failed stays due and must not spin the loop. */
const RESCAN_MIN_MS = 250;
const ERROR_BACKOFF_MS = 1_000;

/**
 * Finds saga deadlines that have passed and puts them on the EventBus, together. Finding is cheap and
 * unlocked; firing is exactly-once because the command's transaction claims the timer row
 * with FOR UPDATE SKIP LOCKED and deletes it. Several orchestrators can run this at once.
 *
 * It does not poll: after each scan it sleeps until the earliest deadline in the table, and a
 * timer armed in this process wakes it at that timer's deadline if it is sooner. The loop's
 * interval (TIMER_POLL_MS, 30 s by default) is only the fallback for timers armed by another
 * replica that stopped before firing them; at rest, with nothing armed, nothing runs.
 */
@Injectable()
export class TimerScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: DeadlineLoop;
  private stopListening?: () => void;

  constructor(
    private readonly database: DatabaseService,
    private readonly timers: SagaTimers,
    private readonly eventBus: EventBus,
    @Inject(TIMER_POLL_MS) pollMs: number,
    private readonly drains: DrainRegistry,
  ) {
    // Always at least RESCAN_MIN_MS between scans, even after a full batch: a deadline is not
    // urgent to the millisecond, and a timer whose firing failed stays due and must not spin the
    // loop. A scan that failed (the database away) is tried again within a second, not at the
    // fallback: it may have been the wake-up for a deadline, which nothing else would repeat.
    this.loop = new DeadlineLoop(() => this.fireDue(), {
      name: 'TimerScheduler',
      fallbackMs: pollMs,
      errorBackoffMs: Math.min(pollMs, ERROR_BACKOFF_MS),
      minGapMs: RESCAN_MIN_MS,
    });
  }

  onApplicationBootstrap(): void {
    // A timer fires through the EventBus, which Nest's own shutdown hooks tear down: on
    // SIGTERM the scan must finish before them, with the consumers' drain.
    this.drains.register('timers', () => this.beforeApplicationShutdown());
    this.stopListening = this.timers.onArmed((dueAt) => this.loop.wakeAt(dueAt));
    this.loop.start(this.database.ready);
  }

  /** Lets the scan in progress finish; a scheduler still waiting for its database just stops. */
  beforeApplicationShutdown(): Promise<void> {
    this.stopListening?.();
    return this.loop.stop();
  }

  /** Fires what is due; answers when to look again: at once after a full batch, else the next deadline. */
  private async fireDue(): Promise<number | null> {
    const manager = this.database.dataSource.manager;
    const due = await this.timers.due(manager, BATCH);
    // One event for the scan's timers: the saga fires them in one transaction.
    if (due.length > 0) this.eventBus.publish(new CheckoutTimersElapsed(due));
    return due.length === BATCH ? Date.now() : this.timers.nextDue(manager);
  }
}
