import type { PlotLineView } from '@checkout/contracts/views';

/** One line of a plot as the edge sends it (GET /api/metrics/series/:name). */
export type PlotLine = PlotLineView;

/** uPlot's data shape: one shared x array (seconds), then one y array per line, aligned to it. */
export type AlignedData = [number[], ...(number | null)[][]];

/**
 * Lines on one time axis. Prometheus' lines of one range query share their timestamps, but a
 * line that started late has fewer: its missing points are gaps, not shifted values.
 */
export function alignLines(lines: readonly PlotLine[]): AlignedData {
  const times = [...new Set(lines.flatMap((line) => line.points.map(([at]) => at)))].sort((a, b) => a - b);
  const index = new Map(times.map((at, i) => [at, i]));
  const ys = lines.map((line) => {
    const values: (number | null)[] = times.map(() => null);
    for (const [at, value] of line.points) {
      const i = index.get(at);
      if (i !== undefined) values[i] = value;
    }
    return values;
  });
  return [times, ...ys];
}

/** How many samples hold a number: a plot with none says so instead of drawing empty axes. */
export const pointCount = (lines: readonly PlotLine[]): number =>
  lines.reduce((sum, line) => sum + line.points.filter(([, value]) => value !== null).length, 0);
