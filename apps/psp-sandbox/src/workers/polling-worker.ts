import { DatabaseService, Wakeup } from '@checkout/platform';
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';

/** Short enough that a 300 ms pay delay turns into a webhook about 300 ms later. */
const POLL_INTERVAL_MS = 100;
/** After an error (Postgres away, say), wait longer: no busy loop, no log flood. */
const ERROR_BACKOFF_MS = 1_000;

/**
 * A loop doing one kind of due work stored in Postgres. The truth is the table, never this
 * process: the loop only polls it, so a restart loses nothing and several sandboxes can share
 * one database (each claims rows with SKIP LOCKED). `wake()` skips the wait when this
 * process has just made work due. For the same reason one process may run several `lanes`
 * (loops) of one worker: under load, a single loop doing one transaction at a time is the
 * bottleneck, and SKIP LOCKED already keeps the lanes off each other's rows.
 */
export abstract class PollingWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly wakeup = new Wakeup();
  private readonly stop = new AbortController();
  protected readonly logger: Logger;

  protected constructor(
    protected readonly database: DatabaseService,
    name: string,
    private readonly lanes = 1,
  ) {
    this.logger = new Logger(name);
  }

  /** Does one unit of due work; true when it found some (there may be more, so go again). */
  protected abstract tick(): Promise<boolean>;

  /** Aborted at shutdown, so work in flight (an HTTP call) can stop early. */
  protected get stopping(): AbortSignal {
    return this.stop.signal;
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loops = Array.from({ length: this.lanes }, () => this.run());
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.stop.abort();
    this.wakeup.notifyAll();
    await Promise.all(this.loops);
  }

  /** Run a pass now rather than at the next poll (one idle lane wakes); remembered if none is idle. */
  wake(): void {
    this.wakeup.notify();
  }

  private async run(): Promise<void> {
    // The database may come up long after the HTTP server: wait for it without blocking start-up.
    await Promise.race([this.database.ready, new Promise((resolve) => this.stopping.addEventListener('abort', resolve))]);
    while (this.running) {
      try {
        if (!(await this.tick())) await this.pause(POLL_INTERVAL_MS);
      } catch (error) {
        if (!this.running) break;
        this.logger.warn(`pass failed: ${error instanceof Error ? error.message : String(error)}`);
        await this.pause(ERROR_BACKOFF_MS);
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return this.running ? this.wakeup.wait(ms) : Promise.resolve();
  }
}
