import type { MetricSeriesName } from './metric-series.api';

/** What a page plots: its series in the order they are read, the window, how often it refreshes. */
export interface DashboardDefinition {
  readonly title: string;
  readonly minutes: number;
  readonly refreshMs: number;
  readonly series: readonly MetricSeriesName[];
}

/**
 * The one definition of the pages' plots. The health and chaos pages draw these, and
 * `npm run dashboards:grafana` generates the Grafana dashboards from the very same objects
 * (deploy/grafana/dashboards), with each series' PromQL from the edge's PLOT_SERIES: the page and
 * the dashboard cannot disagree, and a spec fails when the committed JSON drifts.
 */
export const DASHBOARDS = {
  /** In the order an operator reads them: is it busy, slow, failing, refusing, backing up? */
  health: {
    title: 'Checkout cluster: health',
    minutes: 15,
    // Prometheus evaluates its recording rules every 15 s; refreshing faster shows nothing new.
    refreshMs: 15_000,
    series: ['throughput', 'latency-p95', 'failed-requests', 'refused-requests', 'outbox-backlog', 'queue-depth', 'dead-letters'],
  },
  /**
   * Is the cluster still finishing checkouts, how many are waiting and how long they take, what
   * fails, what is refused (503 with Retry-After: shed or told to come back, not lost), and where
   * messages pile up; rates over 45 s windows, so a fault of ten seconds shows. Five minutes: an
   * experiment of up to a minute and its recovery fit in them.
   */
  chaos: {
    title: 'Checkout cluster: chaos',
    minutes: 5,
    refreshMs: 15_000,
    series: [
      'checkouts-finished',
      'checkouts-in-flight',
      'checkout-duration-p95',
      'failed-requests-20s',
      'refused-requests-20s',
      'outbox-backlog',
      'queue-depth',
      'dead-letters',
    ],
  },
} as const satisfies Record<string, DashboardDefinition>;
