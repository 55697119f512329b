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
