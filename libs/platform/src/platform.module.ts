import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { DrainRegistry } from './bootstrap/drain.registry';
import { ErrorFilter } from './errors/error.filter';
import { FaultRoutes, type FaultRouteOptions } from './fault-routes/fault-routes';
import { HealthController } from './health/health.controller';
import { ReadinessRegistry } from './health/readiness.registry';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsController } from './metrics/metrics.controller';
import type { MetricsAddress } from './config/common-config';
import { MetricsListener } from './metrics/metrics-listener';
import { MetricsService } from './metrics/metrics.service';
import { TracingShutdown } from './tracing/tracing-shutdown';

export interface PlatformOptions {
  serviceName: string;
  /** Also serve `/metrics` on this address: this replica's own (see replicaMetricsAddress). */
  metricsAddress?: MetricsAddress;
  /** The service's own port is public (the edge): `/metrics` only on `metricsAddress`. */
  publicPort?: boolean;
  /** Where chaos experiments may send its connections (faultRouteOptions); none, they stay where their URLs say. */
  faultRoutes?: FaultRouteOptions;
}

/**
 * What every service has: `/health/live`, `/health/ready`, `/metrics` and one error filter.
 * Global, so feature modules can register readiness checks and metrics without importing it.
 */
@Global()
@Module({})
export class PlatformModule implements NestModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const metrics = new MetricsService(options.serviceName);
    const address = options.metricsAddress;
    return {
      module: PlatformModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: options.publicPort ? [HealthController] : [HealthController, MetricsController],
      providers: [
        ReadinessRegistry,
        DrainRegistry,
        { provide: MetricsService, useValue: metrics },
        { provide: APP_FILTER, useClass: ErrorFilter },
        ...(address ? [{ provide: MetricsListener, useValue: new MetricsListener(metrics, address) }] : []),
        TracingShutdown,
        { provide: FaultRoutes, useValue: new FaultRoutes(options.faultRoutes) },
      ],
      exports: [ReadinessRegistry, DrainRegistry, MetricsService, FaultRoutes],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
