import type { MetricSeriesName } from '@checkout/contracts/views';

export interface PlotSeriesDefinition {
  readonly title: string;
  readonly unit: string;
  readonly promql: string;
  /** The label that names each line; a series of one line has none. */
  readonly lineLabel?: 'service' | 'to' | 'state';
}

/**
 * The only queries the edge sends to Prometheus' query_range, by name. A visitor picks a name;
 * the PromQL is ours, so nobody can run an expensive or revealing query through the public edge.
 * Each reads a recording rule (deploy/prometheus/rules/recording.rules.yml), computed once per
 * evaluation. The health page's rules use 1 m windows; the chaos page's 45 s, so a fault of ten
 * seconds shows at its real height.
 */
export const PLOT_SERIES = {
  throughput: { title: 'HTTP requests', unit: 'req/s', promql: 'service:http_requests:rate1m', lineLabel: 'service' },
  'latency-p95': { title: 'HTTP latency, 95th percentile', unit: 's', promql: 'service:http_request_duration_seconds:p95_1m', lineLabel: 'service' },
  'failed-requests': { title: 'Failed requests (5xx but 503)', unit: 'req/s', promql: 'service:http_requests_failed:rate1m', lineLabel: 'service' },
  'refused-requests': { title: 'Refused requests (503, retry after)', unit: 'req/s', promql: 'service:http_requests_refused:rate1m', lineLabel: 'service' },
  'messages-handled': { title: 'Messages handled', unit: 'msg/s', promql: 'service:messages_handled:rate1m', lineLabel: 'service' },
  'outbox-backlog': { title: 'Outbox backlog', unit: 'messages', promql: 'service:outbox_pending:max', lineLabel: 'service' },
  'queue-depth': { title: 'Queue depth', unit: 'messages', promql: 'service:queue_depth:sum', lineLabel: 'service' },
  'dead-letters': { title: 'Dead letters', unit: 'messages', promql: 'service:dead_letters:sum', lineLabel: 'service' },
  'checkouts-finished': { title: 'Checkouts finished, by outcome', unit: '/s', promql: 'cluster:checkouts_finished:rate45s', lineLabel: 'to' },
  'checkouts-in-flight': { title: 'Checkouts in flight, by state', unit: 'checkouts', promql: 'state:checkouts_in_flight:max', lineLabel: 'state' },
  'checkout-duration-p95': { title: 'Checkout start to end, 95th percentile', unit: 's', promql: 'cluster:checkout_duration_seconds:p95_45s' },
  'failed-requests-20s': { title: 'Failed requests (5xx but 503)', unit: 'req/s', promql: 'service:http_requests_failed:rate45s', lineLabel: 'service' },
  'refused-requests-20s': { title: 'Refused requests (503, retry after)', unit: 'req/s', promql: 'service:http_requests_refused:rate45s', lineLabel: 'service' },
} as const satisfies Record<MetricSeriesName, PlotSeriesDefinition>;

export type PlotSeriesName = keyof typeof PLOT_SERIES;
export const PLOT_SERIES_NAMES = Object.keys(PLOT_SERIES) as [PlotSeriesName, ...PlotSeriesName[]];

/** At most this many points per line, whatever the window: the step grows with the window. */
export const MAX_POINTS = 180;
/** No finer than the scrape interval: a finer step only repeats samples. */
export const MIN_STEP_SECONDS = 15;

/** The query_range step for a window, so a plot has at most MAX_POINTS points per line. */
export function stepFor(minutes: number): number {
  return Math.max(MIN_STEP_SECONDS, Math.ceil((minutes * 60) / MAX_POINTS));
}
