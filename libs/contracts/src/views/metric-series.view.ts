/**
 * The series the edge can plot (GET /api/metrics/series/:name), each one of Prometheus'
 * recording rules chosen by bff-web. The health page's use 1 m windows, the chaos page's (the
 * `-20s` ones and the checkouts') 20 s, to show a fault of a few seconds. A refusal (503 with
 * Retry-After) is not a failure: each has its own series.
 */
export type MetricSeriesName =
  | 'throughput'
  | 'latency-p95'
  | 'failed-requests'
  | 'refused-requests'
  | 'messages-handled'
  | 'outbox-backlog'
  | 'queue-depth'
  | 'dead-letters'
  | 'checkouts-finished'
  | 'checkouts-in-flight'
  | 'checkout-duration-p95'
  | 'failed-requests-20s'
  | 'refused-requests-20s';

/** One line of a plot: what it is of (a service, an outcome, a state) and its samples. */
export interface PlotLineView {
  readonly name: string;
  /** [unix seconds, value]; null where Prometheus had no number (NaN), drawn as a gap. */
  readonly points: readonly (readonly [number, number | null])[];
}

export interface MetricSeriesView {
  readonly name: MetricSeriesName;
  readonly title: string;
  readonly unit: string;
  /** Unix seconds, aligned to the step. */
  readonly start: number;
  readonly end: number;
  readonly step: number;
  readonly lines: readonly PlotLineView[];
}
