import { All, HttpStatus, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { StripeApiError } from './stripe-api.error';
import { StripeApiController } from './stripe-api-controller.decorator';

/**
 * Any /v1 path the sandbox does not implement, answered as Stripe answers an unknown URL.
 * Without it the platform's 404 body (not Stripe-shaped) would reach the SDK, which would
 * hand it to the caller as if it were a resource instead of raising an error.
 */
// Not an operation of the API: the answer to every path that is not one.
@ApiExcludeController()
@StripeApiController('v1')
export class UnrecognizedRequestController {
  @All('*path')
  unrecognized(@Req() request: Request): never {
    throw new StripeApiError(
      HttpStatus.NOT_FOUND,
      'invalid_request_error',
      `Unrecognized request URL (${request.method}: ${request.path}). ` +
        'The sandbox implements checkout sessions (create, retrieve) and refunds (create, retrieve) only.',
    );
  }
}
