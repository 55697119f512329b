import { contextOfTraceparent, DatabaseService, DrainRegistry, withCheckoutId } from '@checkout/platform';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { trace } from '@opentelemetry/api';
import { CheckoutTimerElapsed } from '../checkout-saga/checkout-timer-elapsed.event';
import type { Outcome } from '../checkout-saga/checkout-state-machine';
import { Completion } from '../checkout-saga/completion';
import { SagaTimers } from './saga-timers';

export const TIMER_POLL_MS = Symbol('TIMER_POLL_MS');
const BATCH = 50;
const tracer = trace.getTracer('checkout-orchestrator');

/**
 * Finds saga deadlines that have passed and puts them on the EventBus. Finding is cheap and
 * unlocked; firing is exactly-once because the command's transaction claims the timer row
 * with FOR UPDATE SKIP LOCKED and deletes it. Several orchestrators can run this at once.
 */
@Injectable()
export class TimerScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TimerScheduler');
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly database: DatabaseService,
    private readonly timers: SagaTimers,
    private readonly eventBus: EventBus,
    @Inject(TIMER_POLL_MS) private readonly pollMs: number,
    private readonly drains: DrainRegistry,
  ) {}

  onApplicationBootstrap(): void {
    // A timer fires through the EventBus, which Nest's own shutdown hooks tear down: on
    // SIGTERM the scan must finish before them, with the consumers' drain.
    this.drains.register('timers', () => this.beforeApplicationShutdown());
    this.running = true;
    void this.database.ready.then(() => {
      if (this.running) this.loop = this.run();
    });
  }

  /** Lets the scan in progress finish; a scheduler still waiting for its database just stops. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const due = await this.timers.due(this.database.dataSource.manager, BATCH);
        await Promise.allSettled(due.map((timer) => this.fire(timer)));
      } catch (error) {
        this.logger.warn(`timer scan failed: ${error instanceof Error ? error.message : error}`);
      }
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }

  private fire(due: CheckoutTimerElapsed['due']): Promise<Outcome | undefined> {
    const completion = new Completion<Outcome | undefined>();
    // Fired in the trace of the transaction that armed it, so a timeout and its compensation
    // show in the checkout's trace rather than in one of their own.
    const parent = contextOfTraceparent(due.traceparent);
    const span = tracer.startSpan(`timer ${due.timer} elapsed`, { attributes: { 'checkout.id': due.checkoutId } }, parent);
    const inSpan = trace.setSpan(parent, span);
    withCheckoutId(due.checkoutId, () => this.eventBus.publish(new CheckoutTimerElapsed(due, completion)), inSpan);
    return completion.promise.finally(() => span.end());
  }
}
