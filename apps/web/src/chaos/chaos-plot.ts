import uPlot from 'uplot';
import type { ChaosTimeline } from '../api/chaos-api.types';
import { el } from '../dom/element';
import { faultIntervals, plotData, type PlotSpec } from './timeline-series';

const COLOURS = ['#3451b2', '#17703f', '#8a4b00', '#6a3b9f'];
const FAULT_FILL = 'rgba(179, 38, 30, 0.14)';
const HEIGHT = 150;

/**
 * One live plot (uPlot, bundled: the CSP allows only our own scripts). Faults are shaded
 * under the lines by a draw hook, from the same timeline the samples come from.
 */
export class ChaosPlot {
  readonly element: HTMLElement;
  private readonly plot: uPlot;
  private bands: [number, number][] = [];

  constructor(private readonly spec: PlotSpec) {
    const canvas = el('div', { class: 'chaos-plot-canvas' });
    this.element = el('figure', { class: 'chaos-plot' }, el('figcaption', {}, spec.title), canvas);
    this.plot = new uPlot(
      {
        width: 420,
        height: HEIGHT,
        legend: { show: spec.series.length > 1 },
        scales: { x: { time: true }, y: { range: (_u, min, max) => [0, Math.max(1, max ?? min ?? 1)] } },
        series: [{}, ...spec.series.map((series, index) => ({ label: series.label, stroke: COLOURS[index % COLOURS.length], width: 1.5, spanGaps: false }))],
        hooks: { drawClear: [(u: uPlot) => this.shadeFaults(u)] },
      },
      [[], ...spec.series.map(() => [])],
      canvas,
    );
  }

  update(timeline: ChaosTimeline): void {
    const now = timeline.samples.length ? timeline.samples[timeline.samples.length - 1].at : Date.now();
    this.bands = faultIntervals(timeline.faults, now);
    this.plot.setData(plotData(timeline.samples, this.spec) as uPlot.AlignedData);
  }

  resize(width: number): void {
    this.plot.setSize({ width, height: HEIGHT });
  }

  destroy(): void {
    this.plot.destroy();
  }

  private shadeFaults(u: uPlot): void {
    const { ctx, bbox } = u;
    ctx.save();
    ctx.fillStyle = FAULT_FILL;
    for (const [from, to] of this.bands) {
      const left = Math.max(bbox.left, u.valToPos(from, 'x', true));
      const right = Math.min(bbox.left + bbox.width, u.valToPos(to, 'x', true));
      if (right > left) ctx.fillRect(left, bbox.top, Math.max(2, right - left), bbox.height);
    }
    ctx.restore();
  }
}
