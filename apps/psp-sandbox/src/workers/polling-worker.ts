import { DatabaseService, PollingLoop } from '@checkout/platform';
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';

/** Short enough that a 300 ms pay delay turns into a webhook about 300 ms later. */
const POLL_INTERVAL_MS = 100;
/** After an error (Postgres away, say), wait longer: no busy loop, no log flood. */
const ERROR_BACKOFF_MS = 1_000;

/**
 * A sandbox worker doing one kind of due work stored in Postgres, on the platform's polling
 * loop, started once the database is ready and stopped at shutdown. Several sandboxes can
 * share one database: each claims rows with SKIP LOCKED. `wake()` skips the wait when this
 * process has just made work due.
 */
export abstract class PollingWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: PollingLoop;
  protected readonly logger: Logger;

  protected constructor(
    protected readonly database: DatabaseService,
    name: string,
    lanes = 1,
  ) {
    this.logger = new Logger(name);
    this.loop = new PollingLoop((stopping) => this.tick(stopping), { name, intervalMs: POLL_INTERVAL_MS, errorBackoffMs: ERROR_BACKOFF_MS, lanes });
  }

  /** Does one unit of due work; true when it found some. `stopping` aborts at shutdown. */
  protected abstract tick(stopping: AbortSignal): Promise<boolean>;

  onApplicationBootstrap(): void {
    this.loop.start(this.database.ready);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** Run a pass now rather than at the next poll (one idle lane wakes); remembered if none is idle. */
  wake(): void {
    this.loop.wake();
  }
}
