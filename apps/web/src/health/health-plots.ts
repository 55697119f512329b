import { ApiError } from '../api/http-client';
import { el } from '../dom/element';
import { pollWhileVisible } from '../dom/poll-while-visible';
import { formatClock } from '../format/time';
import { getMetricSeries, type MetricSeriesName } from '../plots/metric-series.api';
import { pointCount } from '../plots/plot-data';
import { timeSeriesPlot, type TimeSeriesPlot } from '../plots/time-series-plot';

/** The plots, in the order an operator reads them: is it busy, slow, failing, backing up? Titles
 *  and units come with the data, from the edge's list (apps/bff-web/src/metrics-plots). */
const PLOTS: readonly MetricSeriesName[] = ['throughput', 'latency-p95', 'failed-requests', 'outbox-backlog', 'queue-depth', 'dead-letters'];

const MINUTES = 15;
/** Prometheus evaluates its recording rules every 5 s; refreshing faster shows nothing new. */
const REFRESH_MS = 10_000;

interface PlotCard {
  readonly name: MetricSeriesName;
  readonly card: HTMLElement;
  readonly heading: HTMLElement;
  readonly canvasHolder: HTMLElement;
  readonly note: HTMLElement;
  /** Made on the first answer, which says the unit. */
  plot?: TimeSeriesPlot;
}

/**
 * The health page's time series, from Prometheus through the edge (one request per plot every
 * 10 s, the next only after the last settled). A plot whose data cannot be read keeps its last
 * lines and says so, rather than going blank.
 */
export function mountHealthPlots(root: HTMLElement): () => void {
  const grid = el('div', { class: 'plot-grid' });
  root.append(
    el('h2', {}, 'Over the last 15 minutes'),
    el('p', { class: 'muted' }, 'From Prometheus, which scrapes every service every 5 s. One line per service.'),
    grid,
  );
  const cards: PlotCard[] = PLOTS.map((name) => {
    const heading = el('h3', {}, name);
    const canvasHolder = el('div', { class: 'plot-canvas' });
    const note = el('p', { class: 'plot-note muted', role: 'status' }, 'Loading…');
    const card = el('article', { class: 'card plot-card', 'data-testid': 'metric-plot', 'data-series': name, 'data-points': '0' }, heading, canvasHolder, note);
    grid.append(card);
    return { name, card, heading, canvasHolder, note };
  });

  const controller = new AbortController();

  const refreshOne = async (plotCard: PlotCard): Promise<void> => {
    const { name, card, heading, canvasHolder, note } = plotCard;
    try {
      const series = await getMetricSeries(name, MINUTES, controller.signal);
      heading.textContent = series.title;
      plotCard.plot ??= timeSeriesPlot(canvasHolder, series.unit);
      plotCard.plot.update(series.lines);
      const points = pointCount(series.lines);
      card.setAttribute('data-points', String(points));
      note.textContent = points === 0 ? 'No samples yet.' : `Updated ${formatClock(series.end * 1000)}`;
      note.classList.remove('is-stale');
    } catch (error: unknown) {
      if (controller.signal.aborted) return;
      note.textContent = error instanceof ApiError ? `Not updated: ${error.message}` : 'Not updated: no answer';
      note.classList.add('is-stale');
    }
  };

  const refreshAll = async (): Promise<void> => {
    await Promise.all(cards.map(refreshOne));
  };
  const stopPolling = pollWhileVisible(refreshAll, REFRESH_MS, controller.signal);

  return () => {
    controller.abort();
    stopPolling();
    for (const { plot } of cards) plot?.destroy();
  };
}
