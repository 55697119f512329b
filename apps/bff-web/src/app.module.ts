import { MessagingModule } from '@checkout/messaging';
import { PlatformModule } from '@checkout/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { ArticlesHttpController } from './articles/articles.http.controller';
import { ArticlesService } from './articles/articles.service';
import { BFF_CONFIG } from './bff-config.token';
import { CheckoutEventBridge } from './bridge/checkout-event.bridge';
import { RowStore } from './bridge/row-store';
import { SagaEventsSseController } from './bridge/saga-events.sse.controller';
import { TransitionLookup } from './bridge/transition-lookup';
import { ClusterHealthHttpController } from './cluster-health/cluster-health.http.controller';
import { BffConfig } from './config';
import { DemoHttpController } from './demo/demo.http.controller';
import { DemoService } from './demo/demo.service';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { RedisModule } from './redis/redis.module';
import { TracesModule } from './traces/traces.module';
import { WebUiHttpController } from './web-ui/web-ui.http.controller';

export const SERVICE_NAME = 'bff-web';

@Module({})
export class AppModule {
  static forRoot(config: BffConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME }),
        MessagingModule.forRoot({ url: config.AMQP_URL, connectionName: SERVICE_NAME, prefetch: config.AMQP_PREFETCH }),
        RedisModule.forRoot(config.REDIS_URL),
        RateLimitsModule.forRoot(config),
        TracesModule.forRoot(config),
      ],
      controllers: [DemoHttpController, SagaEventsSseController, ClusterHealthHttpController, ArticlesHttpController, WebUiHttpController],
      providers: [
        { provide: BFF_CONFIG, useValue: config },
        DemoService,
        RowStore,
        TransitionLookup,
        CheckoutEventBridge,
        ArticlesService,
      ],
    };
  }
}
