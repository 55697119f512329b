import { DynamicModule, Module } from '@nestjs/common';
import { PROMETHEUS_URL, PrometheusClient } from './prometheus.client';

/**
 * The Prometheus client, configured once at the root and shared (global, like Redis): the
 * plots and the live topology both read Prometheus through it.
 */
@Module({})
export class PrometheusModule {
  static forRoot(prometheusUrl: string | undefined): DynamicModule {
    return {
      module: PrometheusModule,
      global: true,
      providers: [{ provide: PROMETHEUS_URL, useValue: prometheusUrl }, PrometheusClient],
      exports: [PrometheusClient],
    };
  }
}
