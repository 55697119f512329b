import type { RangeSeries } from './prometheus.client';

/** One line of a plot: the service it belongs to and its [unix seconds, value] points. */
export interface PlotLine {
  readonly service: string;
  /** null where Prometheus has no number (NaN: a quantile of no requests), drawn as a gap. */
  readonly points: readonly (readonly [number, number | null])[];
}

/** Prometheus' matrix, as the browser draws it: numbers, not strings, one line per service. */
export function toPlotLines(result: readonly RangeSeries[]): PlotLine[] {
  return result
    .map((series) => ({
      service: series.metric.service ?? series.metric.to ?? 'all',
      points: series.values.map(([at, value]) => {
        const number = Number(value);
        return [at, Number.isFinite(number) ? number : null] as const;
      }),
    }))
    .sort((a, b) => a.service.localeCompare(b.service));
}
