import { AppError } from '@checkout/platform';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { StripeApiError, StripeErrorType } from './stripe-api.error';

export interface StripeErrorBody {
  error: { type: StripeErrorType; message: string; code?: string; param?: string };
}

export interface StripeErrorResponse {
  status: number;
  body: StripeErrorBody;
}

/**
 * The /v1 API's error filter (controller-scoped; the platform's global filter answers every
 * other route). Stripe clients read `error.type`, so the body must be Stripe's, not ours.
 * Unexpected errors become a bare `api_error` 500: the stack trace stays in the log.
 */
@Catch()
export class StripeErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('StripeErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = toStripeErrorResponse(error);
    if (status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    if (!response.headersSent) response.status(status).json(body);
  }
}

export function toStripeErrorResponse(error: unknown): StripeErrorResponse {
  if (error instanceof StripeApiError) {
    return { status: error.status, body: { error: { type: error.type, message: error.message, ...error.details } } };
  }
  // Platform errors and Nest's own (a body too large, say) keep their status and message.
  if (error instanceof AppError) return clientError(error.status, error.message);
  if (error instanceof HttpException) return clientError(error.getStatus(), error.message);
  return { status: 500, body: { error: { type: 'api_error', message: 'Something went wrong on our side' } } };
}

function clientError(status: number, message: string): StripeErrorResponse {
  if (status >= 500) return { status, body: { error: { type: 'api_error', message: 'Something went wrong on our side' } } };
  return { status, body: { error: { type: 'invalid_request_error', message } } };
}
