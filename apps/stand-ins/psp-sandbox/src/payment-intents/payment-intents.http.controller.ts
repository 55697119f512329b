import { DatabaseService } from '@checkout/platform';
import { Get, Param } from '@nestjs/common';
import { StripeApiController } from '../stripe-api/stripe-api-controller.decorator';
import { ResourceMissingError } from '../stripe-api/stripe-api.error';
import { PaymentIntent } from './payment-intent.entity';
import { type StripePaymentIntent, toStripePaymentIntent } from './payment-intent.view';

/** Stripe's `GET /v1/payment_intents/:id`: where a receiver confirms a decline it was told of. */
@StripeApiController('v1/payment_intents')
export class PaymentIntentsHttpController {
  constructor(private readonly database: DatabaseService) {}

  @Get(':id')
  async retrieve(@Param('id') id: string): Promise<StripePaymentIntent> {
    const intent = await this.database.dataSource.getRepository(PaymentIntent).findOneBy({ id });
    if (!intent) throw new ResourceMissingError('payment_intent', id, 'intent');
    return toStripePaymentIntent(intent);
  }
}
