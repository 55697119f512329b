import { HttpStatus } from '@nestjs/common';

/**
 * A failure a client can act on. `code` is stable and machine-readable (`CHECKOUT.NOT_FOUND`);
 * `message` is safe to show. Anything that is not an AppError is reported as a bare 500.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: HttpStatus = HttpStatus.BAD_REQUEST,
    readonly details?: readonly string[],
    /** When to try again, sent as Retry-After (a 503 without one gets the filter's default). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    // Logs and dead-letter reasons print the name: make it say which error this is.
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(code: string, message: string) {
    super(code, message, HttpStatus.NOT_FOUND);
  }
}

export class ValidationFailedError extends AppError {
  constructor(details: readonly string[]) {
    super('REQUEST.INVALID', 'The request is invalid', HttpStatus.BAD_REQUEST, details);
  }
}
