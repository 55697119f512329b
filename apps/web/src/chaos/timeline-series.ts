import type { FaultBand, TimelineSample } from '../api/chaos-api.types';

/** One plot: its title and, per series, a label and a value picked from a sample. */
export interface PlotSpec {
  readonly title: string;
  readonly series: readonly { readonly label: string; readonly pick: (sample: TimelineSample) => number | null }[];
}

/** uPlot's data layout: x (seconds) first, then one array per series, nulls for gaps. */
export type PlotData = [number[], ...(number | null)[][]];

export function plotData(samples: readonly TimelineSample[], spec: PlotSpec): PlotData {
  return [samples.map((sample) => sample.at / 1000), ...spec.series.map((series) => samples.map(series.pick))];
}

/** Faults as [from, to] in seconds; one still on runs to the newest sample. */
export function faultIntervals(faults: readonly FaultBand[], now: number): [number, number][] {
  return faults.map((fault) => [Date.parse(fault.from) / 1000, (fault.to ? Date.parse(fault.to) : now) / 1000]);
}

export interface LaneSegment {
  readonly up: boolean;
  readonly from: number;
  readonly to: number;
}

/** A service's up/down history as runs of equal state (the timeline's coloured bars). */
export function laneSegments(samples: readonly TimelineSample[], service: string): LaneSegment[] {
  const segments: LaneSegment[] = [];
  for (const sample of samples) {
    const up = sample.up[service] ?? false;
    const last = segments[segments.length - 1];
    if (last && last.up === up) segments[segments.length - 1] = { ...last, to: sample.at };
    else segments.push({ up, from: sample.at, to: sample.at });
  }
  return segments;
}

/** Every service that appears in any sample, in a stable order. */
export function servicesIn(samples: readonly TimelineSample[]): string[] {
  return [...new Set(samples.flatMap((sample) => Object.keys(sample.up)))].sort();
}
