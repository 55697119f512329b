import { Module } from '@nestjs/common';
import { CheckoutEventBridge } from './checkout-event.bridge';
import { RowStore } from './row-store';

/**
 * The read-only bridge from RabbitMQ into each watched checkout's rows in Redis, and the rows
 * themselves (RowStore), which the demo's start and live stream read and add to.
 */
@Module({
  providers: [RowStore, CheckoutEventBridge],
  exports: [RowStore],
})
export class BridgeModule {}
