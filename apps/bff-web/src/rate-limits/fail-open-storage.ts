import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type Increment = ThrottlerStorage['increment'];

/**
 * Rate-limit counters in Redis, shared by every bff instance. When Redis is away the edge
 * lets requests through (and says so in the log and on /health/ready) rather than turn a
 * counter outage into a site outage.
 */
export class FailOpenStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimits');

  constructor(private readonly inner: ThrottlerStorage) {}

  async increment(...args: Parameters<Increment>): ReturnType<Increment> {
    try {
      return await this.inner.increment(...args);
    } catch (error) {
      this.logger.warn(`rate-limit storage unavailable, letting the request through: ${error instanceof Error ? error.message : error}`);
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}
