export interface LatencyLimitSettings {
  /** The latency the limit steers to: the p90 of the checkouts admitted under it. */
  readonly targetMs: number;
  /** Never fewer than this under way, whatever the latency (a stalled cluster still admits a few). */
  readonly min: number;
  /** Never more than this. */
  readonly max: number;
  /** Where the limit starts. */
  readonly initial: number;
  /** How often, at most, the limit moves. */
  readonly windowMs: number;
}

/** The most one window may grow the limit by: a quarter, so a burst cannot overshoot by much. */
const MAX_GROWTH = 1.25;
/**
 * The most one window may shrink it by: to a quarter. Little's law says a limit k times too
 * slow is about k times too high, so it shrinks in proportion at once (a backlog found late
 * must be cut in one step: the next samples come a round trip later); but not to nothing on
 * one slow outlier.
 */
const MAX_SHRINK = 0.25;
/** The limit is "in use", and may grow, when the checkouts under way came this close to it. */
const IN_USE = 0.8;

/**
 * An adaptive concurrency limit: how many checkouts may be under way at once, steered by how
 * long the checkouts admitted under the current limit actually took.
 *
 * Little's law says latency = under way / throughput, so past the cluster's throughput every
 * extra checkout admitted only adds waiting. The right number under way is therefore
 * throughput × target latency, and it depends on the machine, the load and the mix; rather
 * than guess it, each window the limit is multiplied by target / observed (the p90 of the
 * window's samples), clamped to [×0.25, ×1.25]: slower than the target shrinks it in
 * proportion, faster grows it — but only while the limit is in use, or an idle cluster would
 * drift to the maximum and let the next burst in unchecked.
 *
 * A sample measures the limit in force when its checkout was admitted, not the current one;
 * so samples of checkouts admitted before the last move are ignored (as TCP reacts once per
 * round trip), or one backlog would shrink the limit again and again while it drains.
 */
export class LatencyLimit {
  private limit: number;
  private movedAt: number;
  private windowStartedAt: number;
  private samples: number[] = [];
  private peakUnderWay = 0;

  constructor(
    private readonly settings: LatencyLimitSettings,
    now: number,
  ) {
    this.limit = clamp(settings.initial, settings.min, settings.max);
    this.movedAt = now;
    this.windowStartedAt = now;
  }

  /** The checkouts that may be under way at `now` (moving the limit first, if a window ended). */
  current(now: number): number {
    if (now - this.windowStartedAt >= this.settings.windowMs) this.move(now);
    return Math.floor(this.limit);
  }

  /** A checkout admitted at `admittedAt` took `latencyMs` (to the end of the part being steered). */
  observe(admittedAt: number, latencyMs: number): void {
    if (admittedAt >= this.movedAt) this.samples.push(latencyMs);
  }

  /** How many checkouts were under way when admission last looked: whether the limit is in use. */
  underWay(count: number): void {
    this.peakUnderWay = Math.max(this.peakUnderWay, count);
  }

  private move(now: number): void {
    const { targetMs, min, max } = this.settings;
    const observed = percentile(this.samples, 0.9);
    const inUse = this.peakUnderWay >= IN_USE * this.limit;
    this.windowStartedAt = now;
    this.peakUnderWay = 0;
    if (observed === undefined) return; // nothing admitted under this limit has finished yet
    this.samples = [];
    const factor = clamp(targetMs / Math.max(observed, 1), MAX_SHRINK, MAX_GROWTH);
    if (factor >= 1 && !inUse) return;
    const next = clamp(this.limit * factor, min, max);
    if (Math.floor(next) !== Math.floor(this.limit)) this.movedAt = now;
    this.limit = next;
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function percentile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
