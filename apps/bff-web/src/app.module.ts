import { MessagingModule } from '@checkout/messaging';
import { PlatformModule, replicaMetricsAddress } from '@checkout/platform';
import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ArticlesHttpController } from './articles/articles.http.controller';
import { ArticlesService } from './articles/articles.service';
import { BFF_CONFIG } from './bff-config.token';
import { ChaosModule } from './chaos/chaos.module';
import { ChaosLiveHttpController } from './chaos-live/chaos-live.http.controller';
import { CheckoutEventBridge } from './bridge/checkout-event.bridge';
import { RowStore } from './bridge/row-store';
import { SagaEventsSseController } from './bridge/saga-events.sse.controller';
import { ClusterHealthHttpController } from './cluster-health/cluster-health.http.controller';
import { ClusterHealthService } from './cluster-health/cluster-health.service';
import { BffConfig } from './config';
import { SameOriginGuard } from './cross-site/same-origin.guard';
import { DemoHttpController } from './demo/demo.http.controller';
import { DemoService } from './demo/demo.service';
import { EventStreamLimitsMiddleware } from './event-streams/event-stream-limits.middleware';
import { LiveTopologyHttpController } from './live-topology/live-topology.http.controller';
import { LiveTopologyService } from './live-topology/live-topology.service';
import { MetricsPlotsModule } from './metrics-plots/metrics-plots.module';
import { OpsCheckoutsService } from './ops-console/ops-checkouts.service';
import { OpsConsoleHttpController } from './ops-console/ops-console.http.controller';
import { OpsDeadLettersService } from './ops-console/ops-dead-letters.service';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { RedisModule } from './redis/redis.module';
import { SecretsHttpController } from './secrets/secrets.http.controller';
import { SecretsViewService } from './secrets/secrets-view.service';
import { TracesModule } from './traces/traces.module';
import { AlertsModule } from './alerts/alerts.module';
import { WebUiHttpController } from './web-ui/web-ui.http.controller';

export const SERVICE_NAME = 'bff-web';

/**
 * The public edge. Everything it serves is meant for visitors: metrics are served on an
 * internal address of their own and the dead-letter operator endpoints are left out (they
 * belong to the services that consume, on their loopback ports). See docs/decisions/0011.
 * Operators reach them only through the console's token-guarded routes (decision 0022).
 */
@Module({})
export class AppModule implements NestModule {
  static forRoot(config: BffConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME, metricsAddress: replicaMetricsAddress(config), publicPort: true }),
        MessagingModule.forRoot({
          url: config.AMQP_URL,
          connectionName: SERVICE_NAME,
          prefetch: config.AMQP_PREFETCH,
          operatorEndpoints: false,
        }),
        RedisModule.forRoot(config.REDIS_URL),
        RateLimitsModule.forRoot(config),
        ChaosModule.forRoot(config),
        MetricsPlotsModule.forRoot(config.PROMETHEUS_URL),
        TracesModule.forRoot(config),
        AlertsModule.forRoot(config),
      ],
      controllers: [
        DemoHttpController,
        SagaEventsSseController,
        ChaosLiveHttpController,
        ClusterHealthHttpController,
        LiveTopologyHttpController,
        ArticlesHttpController,
        OpsConsoleHttpController,
        SecretsHttpController,
        WebUiHttpController,
      ],
      providers: [
        { provide: BFF_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: SameOriginGuard },
        ClusterHealthService,
        LiveTopologyService,
        DemoService,
        RowStore,
        CheckoutEventBridge,
        ArticlesService,
        OpsCheckoutsService,
        OpsDeadLettersService,
        SecretsViewService,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(EventStreamLimitsMiddleware)
      .forRoutes({ path: 'api/demo/saga/:id/events', method: RequestMethod.GET }, { path: 'api/chaos/live', method: RequestMethod.GET });
  }
}
