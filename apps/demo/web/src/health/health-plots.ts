import { el } from '../dom/element';
import { DASHBOARDS } from '../plots/dashboards';
import { mountPlotGrid } from '../plots/plot-grid';

const { series, minutes, refreshMs } = DASHBOARDS.health;

/** The health page's time series over the last 15 minutes, from Prometheus through the edge. */
export function mountHealthPlots(root: HTMLElement): () => void {
  root.append(
    el('h2', {}, `Over the last ${minutes} minutes`),
    el('p', { class: 'muted' }, 'From Prometheus, which scrapes every service every 15 s. One line per service.'),
  );
  const grid = mountPlotGrid(root, { series, minutes, refreshMs });
  return () => grid.destroy();
}
