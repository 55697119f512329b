import Stripe from 'stripe';

/**
 * Why the provider refused, if asking again can never succeed: a 4xx that is about the
 * request itself (bad parameters, a declined card, our credentials, a conflicting repeat of an
 * idempotency key). Returns undefined for everything else — network errors, timeouts, 409,
 * 429, 5xx — which the caller rethrows so that the consumer retries later.
 *
 * The reason is short and safe to show: the provider's error code, never its free text.
 */
export function permanentRefusal(error: unknown): string | undefined {
  const { errors } = Stripe;
  if (error instanceof errors.StripeCardError) {
    return `the card was declined (${error.decline_code ?? error.code ?? 'card_error'})`;
  }
  if (error instanceof errors.StripeInvalidRequestError) {
    return `the payment provider rejected the request (${error.code ?? 'invalid_request'})`;
  }
  if (error instanceof errors.StripeAuthenticationError) return 'the payment provider rejected our API key';
  if (error instanceof errors.StripePermissionError) return 'the payment provider does not permit this operation';
  if (error instanceof errors.StripeIdempotencyError) {
    return 'the payment provider refused a repeat of the request with different parameters';
  }
  return undefined;
}

/** The provider answered that the object we asked about does not exist (404 resource_missing). */
export function unknownToProvider(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404;
}
