import { DynamicModule, Module } from '@nestjs/common';
import { MetricsPlotsHttpController } from './metrics-plots.http.controller';
import { PROMETHEUS_URL, PrometheusClient } from './prometheus.client';

/** The health and chaos pages' time-series plots, read from Prometheus through a narrow, allowlisted route. */
@Module({})
export class MetricsPlotsModule {
  static forRoot(prometheusUrl: string | undefined): DynamicModule {
    return {
      module: MetricsPlotsModule,
      controllers: [MetricsPlotsHttpController],
      providers: [{ provide: PROMETHEUS_URL, useValue: prometheusUrl }, PrometheusClient],
      // The live topology reads Prometheus through the same client.
      exports: [PrometheusClient],
    };
  }
}
