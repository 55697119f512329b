import type { MetricSeriesName, MetricSeriesView } from '@checkout/contracts/views';
import { requestJson } from '../api/http-client';

export type { MetricSeriesName, MetricSeriesView };

/** One plot's lines over the last `minutes`, from Prometheus through the edge. */
export const getMetricSeries = (name: MetricSeriesName, minutes: number, signal?: AbortSignal): Promise<MetricSeriesView> =>
  requestJson(`/api/metrics/series/${encodeURIComponent(name)}?minutes=${minutes}`, { signal, timeoutMs: 5000 });
