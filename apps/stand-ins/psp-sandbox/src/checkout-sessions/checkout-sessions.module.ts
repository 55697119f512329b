import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { SimulatedCustomerModule } from '../simulated-customer/simulated-customer.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { CheckoutSessionsHttpController } from './checkout-sessions.http.controller';
import { CheckoutSessionsService } from './checkout-sessions.service';
import { PayPageController } from './pay-page.controller';

@Module({
  imports: [IdempotencyModule, SimulatedCustomerModule, WebhooksModule],
  controllers: [CheckoutSessionsHttpController, PayPageController],
  providers: [CheckoutSessionsService],
})
export class CheckoutSessionsModule {}
