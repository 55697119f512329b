import { el } from '../dom/element';
import type { MetricSeriesName } from '../plots/metric-series.api';
import { mountPlotGrid } from '../plots/plot-grid';

/** The plots, in the order an operator reads them: is it busy, slow, failing, backing up? */
const PLOTS: readonly MetricSeriesName[] = ['throughput', 'latency-p95', 'failed-requests', 'refused-requests', 'outbox-backlog', 'queue-depth', 'dead-letters'];

const MINUTES = 15;
/** Prometheus evaluates its recording rules every 15 s; refreshing faster shows nothing new. */
const REFRESH_MS = 15_000;

/** The health page's time series over the last 15 minutes, from Prometheus through the edge. */
export function mountHealthPlots(root: HTMLElement): () => void {
  root.append(
    el('h2', {}, 'Over the last 15 minutes'),
    el('p', { class: 'muted' }, 'From Prometheus, which scrapes every service every 15 s. One line per service.'),
  );
  const grid = mountPlotGrid(root, { series: PLOTS, minutes: MINUTES, refreshMs: REFRESH_MS });
  return () => grid.destroy();
}
