import { DatabaseService, DrainRegistry, PollingLoop } from '@checkout/platform';
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { CheckoutTimersElapsed } from '../checkout-saga/checkout-timers-elapsed.event';
import { SagaTimers } from './saga-timers';

export const TIMER_POLL_MS = Symbol('TIMER_POLL_MS');
const BATCH = 50;

/**
 * Finds saga deadlines that have passed and puts them on the EventBus, together. Finding is cheap and
 * unlocked; firing is exactly-once because the command's transaction claims the timer row
 * with FOR UPDATE SKIP LOCKED and deletes it. Several orchestrators can run this at once.
 */
@Injectable()
export class TimerScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: PollingLoop;

  constructor(
    private readonly database: DatabaseService,
    private readonly timers: SagaTimers,
    private readonly eventBus: EventBus,
    @Inject(TIMER_POLL_MS) pollMs: number,
    private readonly drains: DrainRegistry,
  ) {
    // Always the interval between scans, even after a full batch: a deadline is not urgent to
    // the millisecond, and a timer whose firing failed stays due and must not spin the loop.
    this.loop = new PollingLoop(() => this.fireDue().then(() => false), { name: 'TimerScheduler', intervalMs: pollMs, errorBackoffMs: pollMs });
  }

  onApplicationBootstrap(): void {
    // A timer fires through the EventBus, which Nest's own shutdown hooks tear down: on
    // SIGTERM the scan must finish before them, with the consumers' drain.
    this.drains.register('timers', () => this.beforeApplicationShutdown());
    this.loop.start(this.database.ready);
  }

  /** Lets the scan in progress finish; a scheduler still waiting for its database just stops. */
  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  private async fireDue(): Promise<void> {
    const due = await this.timers.due(this.database.dataSource.manager, BATCH);
    // One event for the scan's timers: the saga fires them in one transaction.
    if (due.length > 0) this.eventBus.publish(new CheckoutTimersElapsed(due));
  }
}
