import { Module } from '@nestjs/common';
import { BridgeModule } from '../bridge/bridge.module';
import { UpstreamModule } from '../upstream/upstream.module';
import { DemoHttpController } from './demo.http.controller';
import { DemoService } from './demo.service';
import { SagaEventsSseController } from './saga-events.sse.controller';

/** The shop page's API (/api/demo/*): the order, starting a checkout, reading it back and following it live. */
@Module({
  imports: [BridgeModule, UpstreamModule],
  controllers: [DemoHttpController, SagaEventsSseController],
  providers: [DemoService],
})
export class DemoModule {}
