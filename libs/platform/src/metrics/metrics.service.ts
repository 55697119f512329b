import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * How finely Node's event-loop delay histogram samples (prom-client's default is 10 ms, a timer
 * that wakes an idle process a hundred times a second). Once a second still sees a blocked loop:
 * the tick that should have fired is late by as long as the loop was held.
 */
const EVENT_LOOP_RESOLUTION_MS = 1000;

/**
 * This process's Prometheus registry. Libraries create their instruments here so that
 * `/metrics` shows everything under one `service` label.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  constructor(serviceName: string) {
    this.registry.setDefaultLabels({ service: serviceName });
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: EVENT_LOOP_RESOLUTION_MS });
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.existing(name) ?? new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /**
   * A gauge; with `collect`, one computed when Prometheus scrapes (prom-client awaits it before
   * answering) rather than refreshed on a timer: nothing runs while nobody reads it. `collect`
   * gets the gauge both as `this` and as its argument.
   */
  gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    collect?: (this: Gauge<L>, gauge: Gauge<L>) => void | Promise<void>,
  ): Gauge<L> {
    return (
      this.existing(name) ??
      new Gauge({ name, help, labelNames, registers: [this.registry], ...(collect && { collect(this: Gauge<L>) { return collect.call(this, this); } }) })
    );
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
