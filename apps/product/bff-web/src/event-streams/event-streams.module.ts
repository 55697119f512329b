import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { EventStreamLimitsMiddleware } from './event-stream-limits.middleware';

/**
 * The bounds on the edge's event streams (EventStreamLimitsMiddleware): one middleware for both
 * kinds, the demo's saga events and the chaos page's live stream, so a client's streams are
 * counted together whichever it opens.
 */
@Module({})
export class EventStreamsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(EventStreamLimitsMiddleware)
      .forRoutes({ path: 'api/demo/saga/:id/events', method: RequestMethod.GET }, { path: 'api/chaos/live', method: RequestMethod.GET });
  }
}
