import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DatabaseService } from '@checkout/platform';
import { LeasesService } from './leases.service';

/** The sweep's fallback when no lease is held: leases only come from this process, so it is a backstop. */
const FALLBACK_MS = 30_000;
/** The soonest a sweep follows the last: a revoke that failed leaves its lease due, which must not spin. */
const RESWEEP_MIN_MS = 250;

/**
 * Leases end by themselves: a lease not renewed in time, or at max_ttl, is revoked (sessions
 * ended, role dropped) at its end, whether or not its holder is still around. The sweep sleeps
 * until the earliest end in the table, or a new lease's end if sooner: nothing polls at rest.
 */
@Injectable()
export class LeaseExpiryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private dueAt = Infinity;
  private sweeping?: Promise<void>;
  private stopped = false;
  private stopListening?: () => void;
  private readonly logger = new Logger('LeaseExpiry');

  constructor(
    private readonly database: DatabaseService,
    private readonly leases: LeasesService,
  ) {}

  onApplicationBootstrap(): void {
    void this.database.ready.then(() => {
      this.stopListening = this.leases.onNewExpiry((expiresAt) => this.sweepAt(expiresAt.getTime()));
      this.sweepAt(Date.now());
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.stopListening?.();
    clearTimeout(this.timer);
    await this.sweeping;
  }

  /** One timer, for the earliest end known; a later one never pushes it back. */
  private sweepAt(at: number): void {
    if (this.stopped || at >= this.dueAt) return;
    clearTimeout(this.timer);
    this.dueAt = at;
    this.timer = setTimeout(() => {
      this.dueAt = Infinity;
      this.sweeping ??= this.sweep().finally(() => (this.sweeping = undefined));
    }, Math.max(0, at - Date.now()));
  }

  private async sweep(): Promise<void> {
    let next = Date.now() + FALLBACK_MS;
    try {
      const expired = await this.leases.expireDue();
      if (expired > 0) this.logger.log(`expired ${expired} lease(s)`);
      next = Math.min(next, (await this.leases.nextExpiry())?.getTime() ?? Infinity);
    } catch (error) {
      this.logger.warn(`expiry sweep failed: ${error instanceof Error ? error.message : String(error)}`);
      next = Date.now();
    }
    this.sweepAt(Math.max(next, Date.now() + RESWEEP_MIN_MS));
  }
}
