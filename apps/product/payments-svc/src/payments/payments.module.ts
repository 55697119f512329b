import { Module } from '@nestjs/common';
import { PaymentCompletion } from './payment-completion';
import { PaymentsMetrics } from './payments.metrics';

/** What the payment slices share beyond the payment table's functions: completion and metrics. */
@Module({ providers: [PaymentsMetrics, PaymentCompletion], exports: [PaymentsMetrics, PaymentCompletion] })
export class PaymentsModule {}
