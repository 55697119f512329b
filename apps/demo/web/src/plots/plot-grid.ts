import { ApiError } from '../api/http-client';
import { el } from '../dom/element';
import { pollWhileVisible } from '../dom/poll-while-visible';
import { formatClock } from '../format/time';
import { getMetricSeries, type MetricSeriesName } from './metric-series.api';
import { pointCount } from './plot-data';
import { timeSeriesPlot, type Band, type TimeSeriesPlot } from './time-series-plot';

export interface PlotGridOptions {
  /** The plots, in reading order; titles and units come with the data, from the edge's list. */
  readonly series: readonly MetricSeriesName[];
  readonly minutes: number;
  readonly refreshMs: number;
}

export interface PlotGrid {
  /** Shades these stretches of time on every plot (faults, on the chaos page). */
  shade(bands: readonly Band[]): void;
  destroy(): void;
}

/** What the edge answers when Prometheus is not there: the page says so in plain words. */
const PROMETHEUS_AWAY = 'METRICS.UNAVAILABLE';

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
 * A grid of time-series plots read from Prometheus through the edge, shared by the health and
 * chaos pages: one request per plot every `refreshMs`, the next only after the last settled,
 * none while the tab is hidden. A plot whose data cannot be read keeps its last lines and says
 * so rather than going blank; when Prometheus itself is away, the grid says that plots need it.
 */
export function mountPlotGrid(container: HTMLElement, options: PlotGridOptions): PlotGrid {
  const status = el('p', { class: 'plot-grid-status', role: 'status', hidden: true });
  const grid = el('div', { class: 'plot-grid' });
  container.append(status, grid);
  let bands: readonly Band[] = [];
  const cards: PlotCard[] = options.series.map((name) => {
    const heading = el('h3', {}, name);
    const canvasHolder = el('div', { class: 'plot-canvas' });
    const note = el('p', { class: 'plot-note muted' }, 'Loading…');
    const card = el('article', { class: 'card plot-card', 'data-testid': 'metric-plot', 'data-series': name, 'data-points': '0' }, heading, canvasHolder, note);
    grid.append(card);
    return { name, card, heading, canvasHolder, note };
  });
  const controller = new AbortController();

  /** Resolves true when this plot's data could not be read because Prometheus is away. */
  const refreshOne = async (plotCard: PlotCard): Promise<boolean> => {
    const { name, card, heading, canvasHolder, note } = plotCard;
    try {
      const series = await getMetricSeries(name, options.minutes, controller.signal);
      heading.textContent = series.title;
      if (!plotCard.plot) {
        plotCard.plot = timeSeriesPlot(canvasHolder, series.unit);
        plotCard.plot.shade(bands);
      }
      plotCard.plot.update(series.lines, { start: series.start, end: series.end });
      const points = pointCount(series.lines);
      card.setAttribute('data-points', String(points));
      note.textContent = points === 0 ? 'No samples yet.' : `Updated ${formatClock(series.end * 1000)}`;
      note.classList.remove('is-stale');
      return false;
    } catch (error: unknown) {
      if (controller.signal.aborted) return false;
      note.textContent = error instanceof ApiError ? `Not updated: ${error.message}` : 'Not updated: no answer';
      note.classList.add('is-stale');
      return error instanceof ApiError && error.code === PROMETHEUS_AWAY;
    }
  };

  const refreshAll = async (): Promise<void> => {
    const away = (await Promise.all(cards.map(refreshOne))).some(Boolean);
    status.hidden = !away;
    status.textContent = away
      ? 'These plots need Prometheus, and it is not answering (npm run infra:up starts it). They fill in as soon as it is back.'
      : '';
  };
  const stopPolling = pollWhileVisible(refreshAll, options.refreshMs, controller.signal);

  return {
    shade(next) {
      bands = next;
      for (const { plot } of cards) plot?.shade(next);
    },
    destroy() {
      controller.abort();
      stopPolling();
      for (const { plot } of cards) plot?.destroy();
    },
  };
}
