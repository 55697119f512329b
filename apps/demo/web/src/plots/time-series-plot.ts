import uPlot from 'uplot';
import { alignLines, type PlotLine } from './plot-data';

/** One colour per line, in the order the edge sends them (sorted by name): stable across refreshes. */
const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626', '#0891b2', '#4b5563'];
const HEIGHT = 180;
const BAND_FILL = 'rgba(179, 38, 30, 0.14)';

/** The time axis' span, unix seconds: the window asked for, so every plot of a page lines up. */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/** A stretch of time to shade behind the lines, [from, to] in unix seconds (a fault, on the chaos page). */
export type Band = readonly [number, number];

export interface TimeSeriesPlot {
  /** Draws these lines over the window [start, end] (unix seconds), replacing the previous ones. */
  update(lines: readonly PlotLine[], window: TimeWindow): void;
  /** Shades these stretches of time behind the lines, replacing the previous ones. */
  shade(bands: readonly Band[]): void;
  destroy(): void;
}

/**
 * A small time-series chart (uPlot on a canvas, bundled: no CDN) that fills its container's
 * width. Shared by the health and chaos pages. The chart is rebuilt only when the set of lines
 * changes (a service appears); otherwise new data is just set, which keeps refreshes cheap.
 * Bands are painted under the lines by a draw hook, so they move with the time axis.
 */
export function timeSeriesPlot(container: HTMLElement, unit: string): TimeSeriesPlot {
  let chart: uPlot | null = null;
  let shape = '';
  let bands: readonly Band[] = [];
  let shown: TimeWindow = { start: 0, end: 1 };
  const width = (): number => Math.max(240, container.clientWidth);
  const resize = new ResizeObserver(() => chart?.setSize({ width: width(), height: HEIGHT }));
  resize.observe(container);

  const build = (lines: readonly PlotLine[]): uPlot =>
    new uPlot(
      {
        width: width(),
        height: HEIGHT,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        hooks: { drawClear: [(u: uPlot) => paintBands(u, bands)] },
        // From zero, with headroom; a line of zeros gets 0..1 rather than a range of nothing.
        scales: { x: { time: true, range: () => [shown.start, shown.end] }, y: { range: (_u, min, max) => [Math.min(0, min ?? 0), max > 0 ? max * 1.1 : 1] } },
        axes: [{}, { label: unit, size: 60 }],
        series: [
          {},
          ...lines.map((line, i) => ({
            label: line.name,
            stroke: PALETTE[i % PALETTE.length],
            width: 2,
            spanGaps: false,
            value: (_u: uPlot, value: number | null) => (value === null ? '–' : `${formatValue(value)} ${unit}`),
          })),
        ],
      },
      alignLines(lines) as uPlot.AlignedData,
      container,
    );

  return {
    update(lines, window) {
      shown = window;
      const next = lines.map((line) => line.name).join('\n');
      if (!chart || next !== shape) {
        chart?.destroy();
        chart = build(lines);
        shape = next;
      } else {
        chart.setData(alignLines(lines) as uPlot.AlignedData);
      }
    },
    shade(next) {
      // Asked every second by the chaos page: repaint only when a band moved.
      if (sameBands(bands, next)) return;
      bands = next;
      chart?.redraw(false, false);
    },
    destroy() {
      resize.disconnect();
      chart?.destroy();
      chart = null;
    },
  };
}

const sameBands = (a: readonly Band[], b: readonly Band[]): boolean =>
  a.length === b.length && a.every(([from, to], i) => from === b[i][0] && to === b[i][1]);

function paintBands(u: uPlot, bands: readonly Band[]): void {
  const { ctx, bbox } = u;
  ctx.save();
  ctx.fillStyle = BAND_FILL;
  for (const [from, to] of bands) {
    const left = Math.max(bbox.left, u.valToPos(from, 'x', true));
    const right = Math.min(bbox.left + bbox.width, u.valToPos(to, 'x', true));
    // At least 2 px: a fault of a second on a five-minute axis is still seen.
    if (right > bbox.left && left < bbox.left + bbox.width) ctx.fillRect(left, bbox.top, Math.max(2, right - left), bbox.height);
  }
  ctx.restore();
}

/** Three significant figures: a rate of 0.0123/s and a depth of 1,234 both read at a glance. */
export function formatValue(value: number): string {
  if (value === 0) return '0';
  return Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en-GB') : Number(value.toPrecision(3)).toString();
}
