import type { MetricSeriesName } from '../plots/metric-series.api';

/**
 * The chaos page's plots, in the order they appear: is the cluster still finishing checkouts,
 * how many are waiting and how long they take, what fails, what is refused (503 with
 * Retry-After: shed or told to come back, not lost), and where messages pile up. All from
 * Prometheus; the checkout and failure rates over 45 s windows, so a fault of ten seconds shows.
 */
export const CHAOS_PLOTS: readonly MetricSeriesName[] = [
  'checkouts-finished',
  'checkouts-in-flight',
  'checkout-duration-p95',
  'failed-requests-20s',
  'refused-requests-20s',
  'outbox-backlog',
  'queue-depth',
  'dead-letters',
];

/** The window the plots show: an experiment of up to a minute and its recovery fit in it. */
export const CHAOS_PLOT_MINUTES = 5;
/** Prometheus scrapes and evaluates every 15 s: a faster refresh would show nothing new. */
export const CHAOS_PLOT_REFRESH_MS = 15_000;
