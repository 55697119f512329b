/** Percentiles of a set of durations, in milliseconds (nearest rank); null when empty. */
export interface Percentiles {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/**
 * Keeps every sample: a run is bounded by `maxCheckouts`, so memory is bounded too, and exact
 * percentiles are worth more here than a histogram's buckets.
 */
export class LatencyRecorder {
  private readonly samples: number[] = [];

  record(ms: number): void {
    this.samples.push(ms);
  }

  percentiles(): Percentiles {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const rank = (p: number) => (sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
    return { count: sorted.length, p50: rank(50), p95: rank(95), p99: rank(99), max: sorted.length === 0 ? null : sorted[sorted.length - 1] };
  }
}
