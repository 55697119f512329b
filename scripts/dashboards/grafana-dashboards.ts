import { PLOT_SERIES } from '../../apps/product/bff-web/src/metrics-plots/plot-series';
import { DASHBOARDS } from '../../apps/demo/web/src/plots/dashboards';
import { grafanaDashboard } from './grafana-dashboard';

/** Every page with plots, as the Grafana dashboard file compose provisions. */
export const GRAFANA_DASHBOARDS: Record<string, Record<string, unknown>> = {
  'checkout-health.json': grafanaDashboard('checkout-health', DASHBOARDS.health, PLOT_SERIES),
  'checkout-chaos.json': grafanaDashboard('checkout-chaos', DASHBOARDS.chaos, PLOT_SERIES),
};
