import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DatabaseService, DeadlineLoop } from '@checkout/platform';
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
  private readonly loop: DeadlineLoop;
  private stopListening?: () => void;
  private readonly logger = new Logger('LeaseExpiry');

  constructor(
    private readonly database: DatabaseService,
    private readonly leases: LeasesService,
  ) {
    this.loop = new DeadlineLoop(() => this.sweep(), {
      name: 'LeaseExpiry',
      fallbackMs: FALLBACK_MS,
      errorBackoffMs: RESWEEP_MIN_MS,
      minGapMs: RESWEEP_MIN_MS,
    });
  }

  onApplicationBootstrap(): void {
    this.stopListening = this.leases.onNewExpiry((expiresAt) => this.loop.wakeAt(expiresAt.getTime()));
    this.loop.start(this.database.ready);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopListening?.();
    await this.loop.stop();
  }

  /** Revokes the leases that have ended; answers the next end. */
  private async sweep(): Promise<number | null> {
    const expired = await this.leases.expireDue();
    if (expired > 0) this.logger.log(`expired ${expired} lease(s)`);
    return (await this.leases.nextExpiry())?.getTime() ?? null;
  }
}
