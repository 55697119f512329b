import { requestJson } from '../api/http-client';
import type { PlotLine } from './plot-data';

/** The series the edge can plot; each is a Prometheus recording rule chosen by bff-web. */
export type MetricSeriesName =
  | 'throughput'
  | 'latency-p95'
  | 'failed-requests'
  | 'messages-handled'
  | 'outbox-backlog'
  | 'queue-depth'
  | 'dead-letters';

export interface MetricSeries {
  readonly name: MetricSeriesName;
  readonly title: string;
  readonly unit: string;
  readonly start: number;
  readonly end: number;
  readonly step: number;
  readonly lines: readonly PlotLine[];
}

/** One plot's lines over the last `minutes`, from Prometheus through the edge. */
export const getMetricSeries = (name: MetricSeriesName, minutes: number, signal?: AbortSignal): Promise<MetricSeries> =>
  requestJson(`/api/metrics/series/${encodeURIComponent(name)}?minutes=${minutes}`, { signal, timeoutMs: 5000 });
