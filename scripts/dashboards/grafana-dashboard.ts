import type { DashboardDefinition } from '../../apps/demo/web/src/plots/dashboards';
import type { PlotSeriesDefinition } from '../../apps/product/bff-web/src/metrics-plots/plot-series';

/** The Prometheus data source that deploy/grafana/provisioning declares, by its uid. */
export const DATASOURCE = { type: 'prometheus', uid: 'prometheus' } as const;

/** Grafana's own unit ids where it has one; otherwise the page's unit shown as a suffix. */
const UNITS: Record<string, string> = { 'req/s': 'reqps', s: 's' };

const PANEL_WIDTH = 12;
const PANEL_HEIGHT = 8;

/**
 * A Grafana dashboard (JSON model, schema 39) of one page's plots: the same series in the same
 * order, the same window and refresh, each panel querying the recording rule the page's plot
 * reads through the edge, with one line per the same label.
 */
export function grafanaDashboard(
  uid: string,
  page: DashboardDefinition,
  series: Readonly<Record<string, PlotSeriesDefinition>>,
): Record<string, unknown> {
  return {
    uid,
    title: page.title,
    tags: ['checkout-cluster'],
    timezone: 'browser',
    editable: false,
    schemaVersion: 39,
    version: 1,
    refresh: `${page.refreshMs / 1000}s`,
    time: { from: `now-${page.minutes}m`, to: 'now' },
    panels: page.series.map((name, index) => {
      const plot = series[name];
      if (!plot) throw new Error(`${name}: no such series in the edge's PLOT_SERIES`);
      return {
        id: index + 1,
        type: 'timeseries',
        title: plot.title,
        datasource: DATASOURCE,
        gridPos: { h: PANEL_HEIGHT, w: PANEL_WIDTH, x: (index % 2) * PANEL_WIDTH, y: Math.floor(index / 2) * PANEL_HEIGHT },
        fieldConfig: { defaults: { unit: UNITS[plot.unit] ?? `suffix: ${plot.unit}` }, overrides: [] },
        options: { legend: { displayMode: 'list', placement: 'bottom', showLegend: plot.lineLabel !== undefined } },
        targets: [{ refId: 'A', datasource: DATASOURCE, expr: plot.promql, legendFormat: plot.lineLabel ? `{{${plot.lineLabel}}}` : plot.title }],
      };
    }),
  };
}
