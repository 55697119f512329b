import { AppError } from '@checkout/platform';
import { HttpStatus } from '@nestjs/common';

/** Load shed: the cluster has as many checkouts under way as it can finish quickly. */
export class CheckoutsOverloadedError extends AppError {
  constructor(why: string, retryAfterSeconds: number) {
    super(
      'CHECKOUT.OVERLOADED',
      `The checkout service is at capacity (${why}); try again in ${retryAfterSeconds} s`,
      HttpStatus.SERVICE_UNAVAILABLE,
      undefined,
      retryAfterSeconds,
    );
  }
}
