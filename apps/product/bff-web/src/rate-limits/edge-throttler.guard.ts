import { AppError, HealthController, MetricsController } from '@checkout/platform';
import { ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { clientKey } from './client-key';

/** Asked by the process supervisor and Prometheus: throttling them would fake an outage. */
const NEVER_LIMITED: readonly unknown[] = [HealthController, MetricsController];

/** The throttler's guard, answering 429 with a plain `Retry-After` whichever limit was hit. */
@Injectable()
export class EdgeThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return NEVER_LIMITED.includes(context.getClass());
  }

  /** One rule for who a client is, shared with every other per-client count (see clientKey). */
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    return clientKey(request as Pick<Request, 'ip'>);
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
    throw new AppError('RATE_LIMITED', `Too many requests; try again in ${seconds} s`, HttpStatus.TOO_MANY_REQUESTS);
  }
}
