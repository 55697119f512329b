/**
 * The only queries the edge sends to Prometheus, by name. A visitor picks a name; the PromQL is
 * ours, so nobody can run an expensive or revealing query through the public edge. Each reads a
 * recording rule (ops/prometheus/rules/recording.rules.yml), computed once per evaluation.
 */
export const PLOT_SERIES = {
  throughput: { title: 'HTTP requests', unit: 'req/s', promql: 'service:http_requests:rate1m' },
  'latency-p95': { title: 'HTTP latency, 95th percentile', unit: 's', promql: 'service:http_request_duration_seconds:p95_1m' },
  'failed-requests': { title: 'Failed requests (5xx)', unit: 'req/s', promql: 'service:http_requests_failed:rate1m' },
  'messages-handled': { title: 'Messages handled', unit: 'msg/s', promql: 'service:messages_handled:rate1m' },
  'outbox-backlog': { title: 'Outbox backlog', unit: 'messages', promql: 'service:outbox_pending:max' },
  'queue-depth': { title: 'Queue depth', unit: 'messages', promql: 'service:queue_depth:sum' },
  'dead-letters': { title: 'Dead letters', unit: 'messages', promql: 'service:dead_letters:sum' },
} as const satisfies Record<string, { title: string; unit: string; promql: string }>;

export type PlotSeriesName = keyof typeof PLOT_SERIES;
export const PLOT_SERIES_NAMES = Object.keys(PLOT_SERIES) as [PlotSeriesName, ...PlotSeriesName[]];

/** At most this many points per line, whatever the window: the step grows with the window. */
export const MAX_POINTS = 180;
/** No finer than the scrape interval: a finer step only repeats samples. */
export const MIN_STEP_SECONDS = 5;

/** The query_range step for a window, so a plot has at most MAX_POINTS points per line. */
export function stepFor(minutes: number): number {
  return Math.max(MIN_STEP_SECONDS, Math.ceil((minutes * 60) / MAX_POINTS));
}
