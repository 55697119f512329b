import { AppError } from '@checkout/platform';
import { HttpStatus, Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type Increment = ThrottlerStorage['increment'];

/** How soon to ask again when the counters are away (Redis reconnects by itself). */
const RETRY_AFTER_SECONDS = 5;

/**
 * Rate-limit counters in Redis, shared by every bff instance. When Redis is away, reads and
 * checkouts go on uncounted (and the edge says so in the log and on /health/ready) rather than
 * turn a counter outage into a site outage. The limits named in `failClosed` guard what must
 * never run uncounted (chaos experiments, operator actions and token tries): those are refused
 * with 503 and Retry-After until the counters are back.
 */
export class CounterStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimits');

  constructor(
    private readonly inner: ThrottlerStorage,
    private readonly failClosed: readonly string[],
  ) {}

  async increment(...args: Parameters<Increment>): ReturnType<Increment> {
    try {
      return await this.inner.increment(...args);
    } catch (error) {
      const throttler = args[4];
      const reason = error instanceof Error ? error.message : String(error);
      if (this.failClosed.includes(throttler)) {
        this.logger.warn(`rate-limit storage unavailable, refusing a "${throttler}" request: ${reason}`);
        throw new AppError(
          'RATE_LIMITS.UNAVAILABLE',
          'Experiments and operator actions are paused while their limits cannot be counted; try again shortly',
          HttpStatus.SERVICE_UNAVAILABLE,
          undefined,
          RETRY_AFTER_SECONDS,
        );
      }
      this.logger.warn(`rate-limit storage unavailable, letting the request through: ${reason}`);
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}
