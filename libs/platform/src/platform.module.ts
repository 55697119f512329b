import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ErrorFilter } from './errors/error.filter';
import { HealthController } from './health/health.controller';
import { ReadinessRegistry } from './health/readiness.registry';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';

export interface PlatformOptions {
  serviceName: string;
}

/**
 * What every service has: `/health/live`, `/health/ready`, `/metrics` and one error filter.
 * Global, so feature modules can register readiness checks and metrics without importing it.
 */
@Global()
@Module({})
export class PlatformModule implements NestModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController],
      providers: [
        ReadinessRegistry,
        { provide: MetricsService, useValue: new MetricsService(options.serviceName) },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
      exports: [ReadinessRegistry, MetricsService],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
