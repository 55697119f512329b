import { Module } from '@nestjs/common';
import { PaymentIntentsHttpController } from './payment-intents.http.controller';

@Module({ controllers: [PaymentIntentsHttpController] })
export class PaymentIntentsModule {}
