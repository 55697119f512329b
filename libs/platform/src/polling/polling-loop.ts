import { Logger } from '@nestjs/common';
import { Wakeup } from '../wakeup/wakeup';

export interface PollingLoopOptions {
  /** Names the loop in its log lines. */
  readonly name: string;
  /** How long an idle lane sleeps before it looks again, unless woken first. */
  readonly intervalMs: number;
  /** How long a lane waits after a failed pass: no busy loop, no log flood while a dependency is away. */
  readonly errorBackoffMs: number;
  /**
   * Passes run side by side. Under load one lane doing one transaction at a time is the
   * bottleneck; the work's own claim (`FOR UPDATE SKIP LOCKED`) keeps lanes off each other's rows.
   */
  readonly lanes?: number;
}

/**
 * One pass over due work stored somewhere durable. Resolves true when it found work (there may
 * be more: go again at once). `stopping` aborts at stop, so work in flight (an HTTP call) can end early.
 */
export type PollingPass = (stopping: AbortSignal) => Promise<boolean>;

/**
 * The one polling loop of the code base (the outbox relay, the saga's timers, the sandbox's
 * workers). The truth is always the table it polls, never this loop: a restart loses nothing.
 * It sleeps between passes until `wake()` or the interval, so work made due in this process
 * is done at once and work made due elsewhere (or a lost wake-up) waits one interval at most.
 */
export class PollingLoop {
  private wakeup = new Wakeup();
  private readonly logger: Logger;
  private readonly lanes: number;
  private stopping = new AbortController();
  private running: Promise<void>[] = [];

  constructor(
    private readonly pass: PollingPass,
    private readonly options: PollingLoopOptions,
  ) {
    this.logger = new Logger(options.name);
    this.lanes = options.lanes ?? 1;
  }

  /**
   * Starts the lanes once `ready` resolves (the database may come up long after the HTTP
   * server; start-up does not wait for it). A stop before then cancels the start. Starting a
   * stopped loop again is allowed.
   */
  start(ready: Promise<unknown> = Promise.resolve()): void {
    if (this.running.length > 0) return;
    const stopping = (this.stopping = new AbortController()).signal;
    // A fresh wake-up: the last stop's is spent (and a wake before start is moot, the first pass runs at once).
    this.wakeup = new Wakeup();
    const go = Promise.race([
      ready.then(
        () => !stopping.aborted,
        (error) => {
          this.logger.error(`not started: ${error instanceof Error ? error.message : String(error)}`);
          return false;
        },
      ),
      new Promise<boolean>((resolve) => stopping.addEventListener('abort', () => resolve(false))),
    ]);
    this.running = Array.from({ length: this.lanes }, () => go.then((started) => (started ? this.run(stopping) : undefined)));
  }

  /** Runs a pass now rather than at the next interval: one idle lane wakes, or the next to idle. */
  wake(): void {
    this.wakeup.notify();
  }

  /** Lets the passes in flight finish (their `stopping` signal aborted), then resolves. */
  async stop(): Promise<void> {
    const lanes = this.running;
    this.running = [];
    this.stopping.abort();
    this.wakeup.notifyAll();
    await Promise.all(lanes);
  }

  private async run(stopping: AbortSignal): Promise<void> {
    while (!stopping.aborted) {
      let found = false;
      let failed = false;
      try {
        found = await this.pass(stopping);
      } catch (error) {
        if (stopping.aborted) break;
        failed = true;
        this.logger.warn(`pass failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (stopping.aborted) break;
      // Work found means a backlog: go again at once, and wake an idle sibling so the next
      // batch is claimed while this lane is still busy with its own.
      if (found && this.lanes > 1) this.wakeup.notify();
      if (!found) await this.wakeup.wait(failed ? this.options.errorBackoffMs : this.options.intervalMs);
    }
  }
}
