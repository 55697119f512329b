import type { FaultBand, TimelineSample } from '../api/chaos-api.types';
import type { Band } from '../plots/time-series-plot';

/** Faults as [from, to] in unix seconds, as the plots shade them; one still on runs to `now` (ms). */
export function faultIntervals(faults: readonly FaultBand[], now: number): Band[] {
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
