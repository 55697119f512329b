import { AppError } from '@checkout/platform';
import { HttpStatus } from '@nestjs/common';

/** The request does not prove it comes from our provider: nothing was read or changed. */
export class WebhookSignatureInvalidError extends AppError {
  constructor(reason: string) {
    super('WEBHOOK.SIGNATURE_INVALID', `Webhook signature rejected: ${reason}`, HttpStatus.BAD_REQUEST);
  }
}

/** Signed by the provider, but not an event we can read: nothing was stored, so a fixed redelivery still counts. */
export class WebhookEventInvalidError extends AppError {
  constructor(details: readonly string[]) {
    super('WEBHOOK.EVENT_INVALID', 'The body is not a provider event this service can read', HttpStatus.BAD_REQUEST, details);
  }
}

/**
 * Signed, readable, but not about a payment as we created it (another checkout's ids, another
 * amount, a session the provider does not call paid): nothing was stored or changed. A 4xx, so
 * the provider keeps the delivery as failed where an operator sees it, and retries it: if the
 * provider's own view was merely behind, a retry succeeds; if not, it changes nothing again.
 */
export class WebhookEventRejectedError extends AppError {
  constructor(reason: string) {
    super('WEBHOOK.EVENT_REJECTED', `The event does not match a payment of ours: ${reason}`, HttpStatus.UNPROCESSABLE_ENTITY);
  }
}

export const PROVIDER_RETRY_AFTER_SECONDS = 5;

/** The provider did not answer our confirmation request: nothing was stored or changed. */
export class ProviderUnavailableError extends AppError {
  constructor() {
    super('WEBHOOK.PROVIDER_UNAVAILABLE', 'The payment provider could not confirm the event just now; deliver it again', HttpStatus.SERVICE_UNAVAILABLE);
  }
}
