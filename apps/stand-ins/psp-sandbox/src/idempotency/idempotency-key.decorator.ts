import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { InvalidRequestError } from '../stripe-api/stripe-api.error';

const MAX_KEY_LENGTH = 255; // Stripe's limit

/** The request's `Idempotency-Key` header, or undefined when the client sent none. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  const key = Array.isArray(value) ? value[0] : value;
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new InvalidRequestError(`Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters long.`, {
      param: 'Idempotency-Key',
    });
  }
  return key;
});
