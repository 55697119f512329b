import { AppError } from '@checkout/platform';
import { HttpStatus } from '@nestjs/common';

/**
 * Why a new checkout is shed now, and when to try again: a plain value, so that deciding to
 * refuse costs no Error (no stack trace is captured for the thousands of refusals a second
 * an overload brings). Thrown as a CheckoutsOverloadedError where a request is already inside
 * Nest; answered directly where it is refused before being read (early-refusal.ts).
 */
export interface Refusal {
  readonly status: HttpStatus.SERVICE_UNAVAILABLE;
  readonly code: 'CHECKOUT.OVERLOADED';
  readonly message: string;
  readonly retryAfterSeconds: number;
}

export function overloaded(why: string, retryAfterSeconds: number): Refusal {
  return {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    code: 'CHECKOUT.OVERLOADED',
    message: `The checkout service is at capacity (${why}); try again in ${retryAfterSeconds} s`,
    retryAfterSeconds,
  };
}

/** Load shed: the cluster has as many checkouts under way as it can finish quickly. */
export class CheckoutsOverloadedError extends AppError {
  constructor({ code, message, status, retryAfterSeconds }: Refusal) {
    super(code, message, status, undefined, retryAfterSeconds);
  }
}
