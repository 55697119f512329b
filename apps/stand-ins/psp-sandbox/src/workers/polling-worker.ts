import { DatabaseService, PollingLoop } from '@checkout/platform';
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';

/**
 * Only the fallback: work this process makes due is woken on time (`wake`, `wakeAt`), and an
 * idle pass wakes the worker when the next stored work falls due, so the poll only finds what
 * another sandbox sharing the database made due meanwhile. At rest nothing polls faster than
 * every 30 s (docs/decisions/0029, 0035).
 */
const POLL_INTERVAL_MS = 30_000;
/** After an error (Postgres away, say), wait longer: no busy loop, no log flood. */
const ERROR_BACKOFF_MS = 1_000;

/**
 * A sandbox worker doing one kind of due work stored in Postgres, on the platform's polling
 * loop, started once the database is ready and stopped at shutdown. Several sandboxes can
 * share one database: each claims rows with SKIP LOCKED. `wake()` and `wakeAt()` skip the wait
 * when this process has just made work due, now or later.
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

  /**
   * Run a pass at `at` (at once if it has passed), for work this process just committed as due
   * then. Only a hint: the row is the truth, so a process gone by then loses nothing, and the
   * poll or another sandbox does the work.
   */
  wakeAt(at: Date): void {
    const delayMs = at.getTime() - Date.now();
    if (delayMs <= 0) return this.wake();
    setTimeout(() => this.wake(), delayMs).unref();
  }
}
