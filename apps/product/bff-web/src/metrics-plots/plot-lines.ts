import type { PlotLineView } from '@checkout/contracts/views';
import type { RangeSeries } from '../prometheus/prometheus.client';

/** The name of a series' only line, when the rule aggregates everything away. */
export const WHOLE_CLUSTER = 'cluster';

/**
 * Prometheus' matrix, as the browser draws it: numbers, not strings, one line per value of
 * `lineLabel` (a service, an outcome, a state), sorted so colours stay put across refreshes.
 */
export function toPlotLines(result: readonly RangeSeries[], lineLabel?: string): PlotLineView[] {
  return result
    .map((series) => ({
      name: (lineLabel && series.metric[lineLabel]) || WHOLE_CLUSTER,
      points: series.values.map(([at, value]) => {
        const number = Number(value);
        return [at, Number.isFinite(number) ? number : null] as const;
      }),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
