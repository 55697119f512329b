import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DatabaseService } from '@checkout/platform';
import { LeasesService } from './leases.service';

const SWEEP_INTERVAL_MS = 500;

/**
 * Leases end by themselves: a lease not renewed in time, or at max_ttl, is revoked (sessions
 * ended, role dropped) within half a second, whether or not its holder is still around.
 */
@Injectable()
export class LeaseExpiryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private readonly logger = new Logger('LeaseExpiry');

  constructor(
    private readonly database: DatabaseService,
    private readonly leases: LeasesService,
  ) {}

  onApplicationBootstrap(): void {
    void this.database.ready.then(() => {
      this.timer = setInterval(() => {
        this.sweeping ??= this.sweep().finally(() => (this.sweeping = undefined));
      }, SWEEP_INTERVAL_MS);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  private async sweep(): Promise<void> {
    try {
      const expired = await this.leases.expireDue();
      if (expired > 0) this.logger.log(`expired ${expired} lease(s)`);
    } catch (error) {
      this.logger.warn(`expiry sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
