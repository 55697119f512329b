import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * This process's Prometheus registry. Libraries create their instruments here so that
 * `/metrics` shows everything under one `service` label.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  constructor(serviceName: string) {
    this.registry.setDefaultLabels({ service: serviceName });
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.existing(name) ?? new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** `collect`, when given, computes the value each time `/metrics` is read: no timer keeps it fresh. */
  gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    collect?: (this: Gauge<L>) => void | Promise<void>,
  ): Gauge<L> {
    return this.existing(name) ?? new Gauge({ name, help, labelNames, collect, registers: [this.registry] });
  }

  histogram<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  ): Histogram<L> {
    return this.existing(name) ?? new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  private existing<T>(name: string): T | undefined {
    return this.registry.getSingleMetric(name) as T | undefined;
  }
}
