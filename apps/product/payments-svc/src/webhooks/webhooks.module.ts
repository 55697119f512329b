import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module';
import { CheckoutSessionPaidHandler } from './checkout-session-paid.handler';
import { PaymentIntentFailedHandler } from './payment-intent-failed.handler';
import { ProviderWebhookHandler } from './provider-webhook.handler';
import { PspWebhookController } from './psp-webhook.http.controller';

/** `POST /webhooks/psp`: signed provider events, each applied once. Needs the app's raw body. */
@Module({
  imports: [PaymentsModule],
  controllers: [PspWebhookController],
  providers: [ProviderWebhookHandler, CheckoutSessionPaidHandler, PaymentIntentFailedHandler],
})
export class WebhooksModule {}
