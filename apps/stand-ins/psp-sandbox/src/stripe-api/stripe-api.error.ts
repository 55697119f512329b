import { HttpStatus } from '@nestjs/common';

/** The error types the sandbox reports; the Stripe SDK turns each into its own error class. */
export type StripeErrorType = 'invalid_request_error' | 'api_error' | 'authentication_error' | 'idempotency_error';

export interface StripeErrorDetails {
  /** Stripe's machine-readable reason, e.g. `resource_missing`, `parameter_missing`. */
  code?: string;
  /** The request parameter at fault, spelled as the client sent it: `line_items[0][quantity]`. */
  param?: string;
}

/**
 * A failure a /v1 client can act on, answered in Stripe's error format so that the official SDK
 * raises the matching typed error (StripeInvalidRequestError, StripeAuthenticationError, …).
 */
export class StripeApiError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly type: StripeErrorType,
    message: string,
    readonly details: StripeErrorDetails = {},
  ) {
    super(message);
  }
}

export class InvalidRequestError extends StripeApiError {
  constructor(message: string, details: StripeErrorDetails = {}) {
    super(HttpStatus.BAD_REQUEST, 'invalid_request_error', message, details);
  }
}

/** An id that names nothing: 404, as Stripe answers `GET /v1/refunds/re_unknown`. */
export class ResourceMissingError extends StripeApiError {
  constructor(resource: string, id: string, param: string) {
    super(HttpStatus.NOT_FOUND, 'invalid_request_error', `No such ${resource}: '${id}'`, {
      code: 'resource_missing',
      param,
    });
  }
}

export class AuthenticationError extends StripeApiError {
  constructor(message: string) {
    super(HttpStatus.UNAUTHORIZED, 'authentication_error', message);
  }
}

/** An Idempotency-Key reused for a different request. */
export class IdempotencyError extends StripeApiError {
  constructor(message: string) {
    super(HttpStatus.BAD_REQUEST, 'idempotency_error', message);
  }
}
