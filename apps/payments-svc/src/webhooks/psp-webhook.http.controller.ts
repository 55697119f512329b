import { ProviderSecrets } from '@checkout/platform';
import { Controller, Headers, HttpCode, HttpStatus, Post, type RawBodyRequest, Req } from '@nestjs/common';
import type { Request } from 'express';
import { PaymentsMetrics } from '../payments/payments.metrics';
import { ProviderSettings } from '../provider/provider.settings';
import { parseProviderEvent, type ProviderEvent } from './provider-event.schema';
import { ProviderWebhookHandler } from './provider-webhook.handler';
import { verifyWebhookSignature } from './webhook-signature';
import { WebhookEventInvalidError, WebhookSignatureInvalidError } from './webhook.errors';

/**
 * Where the provider reports what the customer did. Nothing in the body is trusted until its
 * signature checks out against the exact bytes received (hence the raw body), and even then
 * only our own ids are read from it: amounts come from our records.
 */
@Controller('webhooks')
export class PspWebhookController {
  constructor(
    private readonly settings: ProviderSettings,
    private readonly secrets: ProviderSecrets,
    private readonly webhooks: ProviderWebhookHandler,
    private readonly metrics: PaymentsMetrics,
  ) {}

  @Post('psp')
  @HttpCode(HttpStatus.OK)
  async receive(@Req() request: RawBodyRequest<Request>, @Headers('stripe-signature') signature?: string) {
    const rawBody = request.rawBody ?? Buffer.alloc(0);
    // During a signing-secret rotation's overlap two secrets are valid: either may have signed.
    const verdicts = this.secrets.webhookSecrets().map((secret) =>
      verifyWebhookSignature(signature, rawBody, { secret, toleranceSeconds: this.settings.webhookToleranceSeconds }),
    );
    const verdict = verdicts.find((candidate) => candidate.valid) ?? verdicts[0];
    if (!verdict.valid) {
      this.metrics.webhook('rejected_signature');
      throw new WebhookSignatureInvalidError(verdict.reason);
    }

    const outcome = await this.webhooks.handle(this.read(rawBody));
    this.metrics.webhook(outcome);
    return outcome === 'duplicate' ? { received: true, duplicate: true } : { received: true };
  }

  private read(rawBody: Buffer): ProviderEvent {
    try {
      return parseProviderEvent(rawBody);
    } catch (error) {
      if (error instanceof WebhookEventInvalidError) this.metrics.webhook('rejected_event');
      throw error;
    }
  }
}
