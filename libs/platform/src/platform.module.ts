import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ErrorFilter } from './errors/error.filter';
import { HealthController } from './health/health.controller';
import { ReadinessRegistry } from './health/readiness.registry';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { TracingShutdown } from './tracing/tracing-shutdown';

export interface PlatformOptions {
  serviceName: string;
}

/**
 * What every service has: `/health/live`, `/health/ready`, `/metrics` and one error filter.
 * Global, so feature modules can register readiness checks and metrics without importing it.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController],
      providers: [
        ReadinessRegistry,
        { provide: MetricsService, useValue: new MetricsService(options.serviceName) },
        { provide: APP_FILTER, useClass: ErrorFilter },
        TracingShutdown,
      ],
      exports: [ReadinessRegistry, MetricsService],
    };
  }
}
