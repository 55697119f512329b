import type { Response } from 'express';
import type { IdempotentResult } from './idempotent-requests.service';

/** Returns the body to send, marking a replay with Stripe's `Idempotent-Replayed: true` header. */
export function sendIdempotent<T>(response: Response, result: IdempotentResult<T>): T {
  if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
  return result.body;
}
