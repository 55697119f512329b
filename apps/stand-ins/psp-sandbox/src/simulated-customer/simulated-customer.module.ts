import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { CustomerActionPerformer } from './customer-action.performer';
import { CustomerActionWorker } from './customer-action.worker';
import { CustomerScheduler } from './customer-scheduler.service';

@Module({
  imports: [WebhooksModule],
  providers: [CustomerScheduler, CustomerActionPerformer, CustomerActionWorker],
  exports: [CustomerScheduler],
})
export class SimulatedCustomerModule {}
