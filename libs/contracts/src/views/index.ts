// Shapes of JSON the cluster serves over HTTP, shared by the service that writes them, the
// browser UI and the e2e specs that read them. Types only, and a separate entry point, so the
// browser build can `import type` from here without pulling the Node-side contracts in.
export type { CheckoutTraceView, TraceSpanView } from './trace.view';
export type { TimelineSample } from './timeline-sample.view';
export type { LiveLoadState } from './live-load-state.view';
export type { SecretsView, ServiceLoginView } from './secrets.view';
export type { MetricSeriesName, MetricSeriesView, PlotLineView } from './metric-series.view';
export type { LiveServiceView, LiveTopologyView } from './live-topology.view';
export type { AlertView, AlertsView } from './alerts.view';
