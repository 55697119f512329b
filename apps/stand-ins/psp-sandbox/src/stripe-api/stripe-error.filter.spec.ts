import { AppError } from '@checkout/platform';
import { PayloadTooLargeException } from '@nestjs/common';
import { AuthenticationError, IdempotencyError, InvalidRequestError, ResourceMissingError } from './stripe-api.error';
import { toStripeErrorResponse } from './stripe-error.filter';

describe('answering /v1 errors in Stripe’s format', () => {
  it('keeps type, message, code and param of a Stripe API error', () => {
    expect(toStripeErrorResponse(new InvalidRequestError('Bad quantity', { code: 'parameter_invalid_integer', param: 'line_items[0][quantity]' }))).toEqual({
      status: 400,
      body: { error: { type: 'invalid_request_error', message: 'Bad quantity', code: 'parameter_invalid_integer', param: 'line_items[0][quantity]' } },
    });
  });

  it('answers a missing resource with 404 resource_missing', () => {
    expect(toStripeErrorResponse(new ResourceMissingError('refund', 're_x', 'refund'))).toEqual({
      status: 404,
      body: { error: { type: 'invalid_request_error', message: "No such refund: 're_x'", code: 'resource_missing', param: 'refund' } },
    });
  });

  it('uses the types the SDK maps to its error classes', () => {
    expect(toStripeErrorResponse(new AuthenticationError('no key'))).toMatchObject({ status: 401, body: { error: { type: 'authentication_error' } } });
    expect(toStripeErrorResponse(new IdempotencyError('reused'))).toMatchObject({ status: 400, body: { error: { type: 'idempotency_error' } } });
  });

  it('turns platform and Nest client errors into invalid_request_error with their status', () => {
    expect(toStripeErrorResponse(new AppError('X.Y', 'Not allowed', 409))).toEqual({
      status: 409,
      body: { error: { type: 'invalid_request_error', message: 'Not allowed' } },
    });
    expect(toStripeErrorResponse(new PayloadTooLargeException())).toMatchObject({ status: 413, body: { error: { type: 'invalid_request_error' } } });
  });

  it('hides an unexpected error behind a bare api_error 500', () => {
    expect(toStripeErrorResponse(new Error('relation "psp.secret" does not exist'))).toEqual({
      status: 500,
      body: { error: { type: 'api_error', message: 'Something went wrong on our side' } },
    });
  });
});
