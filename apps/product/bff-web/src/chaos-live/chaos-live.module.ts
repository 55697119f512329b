import { Module } from '@nestjs/common';
import { ChaosLiveHttpController } from './chaos-live.http.controller';

/** The chaos page's live stream, passed through from the chaos agent (GET /api/chaos/live). */
@Module({
  controllers: [ChaosLiveHttpController],
})
export class ChaosLiveModule {}
