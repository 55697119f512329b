import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { CustomerActionHandler } from './customer-action.handler';
import { CustomerActionWorker } from './customer-action.worker';
import { CustomerScheduler } from './customer-scheduler.service';

@Module({
  imports: [WebhooksModule],
  providers: [CustomerScheduler, CustomerActionHandler, CustomerActionWorker],
  exports: [CustomerScheduler],
})
export class SimulatedCustomerModule {}
