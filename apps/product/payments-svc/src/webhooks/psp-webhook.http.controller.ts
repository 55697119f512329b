import { ProviderSecrets } from '@checkout/provider-secrets';
import { Controller, Headers, HttpCode, HttpStatus, Logger, Post, type RawBodyRequest, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import Stripe from 'stripe';
import { PaymentsMetrics } from '../payments/payments.metrics';
import { ProviderSettings } from '../provider/provider.settings';
import { parseProviderEvent, type ProviderEvent } from './provider-event.schema';
import { ProviderEventRejection } from './provider-event-rejection';
import { ProviderWebhookHandler } from './provider-webhook.handler';
import { SignedBodyNotJsonError, verifyWebhookSignature } from './webhook-signature';
import {
  PROVIDER_RETRY_AFTER_SECONDS,
  ProviderUnavailableError,
  WebhookEventInvalidError,
  WebhookEventRejectedError,
  WebhookSignatureInvalidError,
} from './webhook.errors';

/**
 * Where the provider reports what the customer did. Nothing in the body is trusted until its
 * signature checks out against the exact bytes received (hence the raw body), and even then
 * the event is a hint: it changes a payment only when it matches what we created and the
 * provider confirms it (see CheckoutSessionPaidHandler). Amounts come from our records.
 */
@Controller('webhooks')
export class PspWebhookController {
  private readonly logger = new Logger('PspWebhook');

  constructor(
    private readonly settings: ProviderSettings,
    private readonly secrets: ProviderSecrets,
    private readonly webhooks: ProviderWebhookHandler,
    private readonly metrics: PaymentsMetrics,
  ) {}

  @Post('psp')
  @HttpCode(HttpStatus.OK)
  async receive(
    @Req() request: RawBodyRequest<Request>,
    @Res({ passthrough: true }) response: Response,
    @Headers('stripe-signature') signature?: string,
  ) {
    const event = this.read(request.rawBody ?? Buffer.alloc(0), signature);
    try {
      const outcome = await this.webhooks.handle(event);
      this.metrics.webhook(outcome);
      return outcome === 'duplicate' ? { received: true, duplicate: true } : { received: true };
    } catch (error) {
      if (error instanceof ProviderEventRejection) return this.rejected(event, error);
      // The provider could not confirm the payment just now: nothing changed, and its retry of
      // this very delivery is the way to try again.
      if (error instanceof Stripe.errors.StripeError) {
        response.setHeader('Retry-After', String(PROVIDER_RETRY_AFTER_SECONDS));
        throw new ProviderUnavailableError();
      }
      throw error;
    }
  }

  private read(rawBody: Buffer, signature: string | undefined): ProviderEvent {
    try {
      // During a signing-secret rotation's overlap two secrets are valid: either may have signed.
      const verdicts = this.secrets.webhookSecrets().map((secret) =>
        verifyWebhookSignature(signature, rawBody, { secret, toleranceSeconds: this.settings.webhookToleranceSeconds }),
      );
      const verdict = verdicts.find((candidate) => candidate.valid) ?? verdicts[0];
      if (!verdict.valid) {
        this.metrics.webhook('rejected_signature');
        throw new WebhookSignatureInvalidError(verdict.reason);
      }
      return parseProviderEvent(verdict.event);
    } catch (error) {
      if (error instanceof SignedBodyNotJsonError) {
        this.metrics.webhook('rejected_event');
        throw new WebhookEventInvalidError(['(body): not JSON']);
      }
      if (error instanceof WebhookEventInvalidError) this.metrics.webhook('rejected_event');
      throw error;
    }
  }

  /**
   * An event about no payment of ours is normal on a provider account shared with other
   * integrations, and no retry can make it ours: 200. Any other disagreement is a 4xx.
   */
  private rejected(event: ProviderEvent, rejection: ProviderEventRejection) {
    const { reason, checkoutId } = rejection;
    this.metrics.webhook('rejected_mismatch');
    this.metrics.rejected(reason);
    this.logger.warn({ msg: 'provider event rejected', reason, eventId: event.id, eventType: event.type, checkoutId });
    if (reason === 'unknown_payment') return { received: true, ignored: reason };
    throw new WebhookEventRejectedError(reason);
  }
}
