import { Module } from '@nestjs/common';
import { PaymentsMetrics } from './payments.metrics';

/** What the payment slices share beyond the payment table's functions: their metrics. */
@Module({ providers: [PaymentsMetrics], exports: [PaymentsMetrics] })
export class PaymentsModule {}
