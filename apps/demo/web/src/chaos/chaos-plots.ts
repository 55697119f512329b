import { DASHBOARDS } from '../plots/dashboards';

/** The chaos page's plots (defined once, in plots/dashboards.ts, with the Grafana dashboard's). */
export const CHAOS_PLOTS = DASHBOARDS.chaos.series;
export const CHAOS_PLOT_MINUTES = DASHBOARDS.chaos.minutes;
export const CHAOS_PLOT_REFRESH_MS = DASHBOARDS.chaos.refreshMs;
