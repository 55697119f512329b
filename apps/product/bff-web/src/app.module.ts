import { MessagingModule } from '@checkout/messaging';
import { faultRouteOptions, PlatformModule, replicaMetricsAddress } from '@checkout/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { AlertsModule } from './alerts/alerts.module';
import { ArticlesModule } from './articles/articles.module';
import { BffConfigModule } from './bff-config.module';
import { ChaosModule } from './chaos/chaos.module';
import { ChaosLiveModule } from './chaos-live/chaos-live.module';
import { ClusterHealthModule } from './cluster-health/cluster-health.module';
import { BffConfig } from './config';
import { CrossSiteModule } from './cross-site/cross-site.module';
import { DemoModule } from './demo/demo.module';
import { EventStreamsModule } from './event-streams/event-streams.module';
import { LiveTopologyModule } from './live-topology/live-topology.module';
import { MetricsPlotsModule } from './metrics-plots/metrics-plots.module';
import { OpsConsoleModule } from './ops-console/ops-console.module';
import { PrometheusModule } from './prometheus/prometheus.module';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { RedisModule } from './redis/redis.module';
import { SecretsModule } from './secrets/secrets.module';
import { TracesModule } from './traces/traces.module';
import { WebUiModule } from './web-ui/web-ui.module';

export const SERVICE_NAME = 'bff-web';

/**
 * The public edge. Everything it serves is meant for visitors: metrics are served on an
 * internal address of their own and the dead-letter operator endpoints are left out (they
 * belong to the services that consume, on their loopback ports). See docs/decisions/0011.
 * Operators reach them only through the console's token-guarded routes (decision 0022).
 * One module per feature; the shared clients (configuration, Redis, Prometheus) are global.
 */
@Module({})
export class AppModule {
  static forRoot(config: BffConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME, metricsAddress: replicaMetricsAddress(config), faultRoutes: faultRouteOptions(SERVICE_NAME, config), publicPort: true }),
        MessagingModule.forRoot({
          url: config.AMQP_URL,
          connectionName: SERVICE_NAME,
          prefetch: config.AMQP_PREFETCH,
          operatorEndpoints: false,
        }),
        BffConfigModule.forRoot(config),
        RedisModule.forRoot(config.REDIS_URL),
        PrometheusModule.forRoot(config.PROMETHEUS_URL),
        // Global guards run in the order their modules are imported: a cross-site request is
        // refused before it counts against any rate limit.
        CrossSiteModule,
        RateLimitsModule.forRoot(config),
        EventStreamsModule,
        DemoModule,
        ChaosModule.forRoot(config),
        ChaosLiveModule,
        ClusterHealthModule,
        LiveTopologyModule,
        MetricsPlotsModule,
        TracesModule.forRoot(config),
        AlertsModule.forRoot(config),
        ArticlesModule,
        OpsConsoleModule,
        SecretsModule,
        WebUiModule,
      ],
    };
  }
}
