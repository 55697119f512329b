import type { NextFunction, Request, Response } from 'express';
import type { StripeErrorBody } from './stripe-error.filter';

interface ClientHttpError {
  status: number;
  message: string;
  expose?: boolean;
}

/**
 * Express error middleware for /v1. A body that cannot be parsed (too large, nested too deep,
 * broken JSON) fails before any route is chosen, so the /v1 controllers' filter never sees it;
 * this answers those clients in Stripe's format with the parser's 4xx all the same.
 */
export function stripeBodyParseErrors(error: unknown, _request: Request, response: Response, next: NextFunction): void {
  if (!isClientHttpError(error) || response.headersSent) return next(error);
  const message = error.expose ? `The request body could not be read: ${error.message}` : 'The request body could not be read';
  const body: StripeErrorBody = { error: { type: 'invalid_request_error', message } };
  response.status(error.status).json(body);
}

function isClientHttpError(error: unknown): error is ClientHttpError {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
