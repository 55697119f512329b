import type { StoredSpan } from './stored-span';

export interface TraceRetention {
  /** Traces kept at most; the least recently updated goes first. */
  readonly maxTraces: number;
  /** A trace with no new span for this long is dropped. */
  readonly maxAgeMs: number;
  /** Spans kept per trace: a runaway trace cannot take the whole memory budget. */
  readonly maxSpansPerTrace: number;
}

/** How long a trace is kept after its last span: its own limit, never past the checkout retention (0037). */
export function keptTraceAgeMs(config: { TRACES_MAX_AGE_MS: number; CHECKOUT_RETENTION_SECONDS: number }): number {
  return Math.min(config.TRACES_MAX_AGE_MS, config.CHECKOUT_RETENTION_SECONDS * 1000);
}

interface Trace {
  spans: StoredSpan[];
  updatedAt: number;
}

/**
 * The recent traces the cluster keeps for the UI, bounded by count and age so the edge's
 * memory stays flat under load. A real backend (Jaeger, Tempo) keeps the long history.
 */
export class TraceStore {
  // Map iteration follows insertion order; re-inserting on update keeps it least-recent first.
  private readonly traces = new Map<string, Trace>();
  private readonly traceOfCheckout = new Map<string, string>();

  constructor(
    private readonly retention: TraceRetention,
    private readonly now: () => number = Date.now,
  ) {}

  add(spans: readonly StoredSpan[]): void {
    const now = this.now();
    for (const span of spans) {
      const trace = this.traces.get(span.traceId) ?? { spans: [], updatedAt: now };
      this.traces.delete(span.traceId);
      if (trace.spans.length < this.retention.maxSpansPerTrace) trace.spans.push(span);
      trace.updatedAt = now;
      this.traces.set(span.traceId, trace);
      const checkoutId = span.attributes['checkout.id'];
      if (typeof checkoutId === 'string' && !this.traceOfCheckout.has(checkoutId)) this.traceOfCheckout.set(checkoutId, span.traceId);
    }
    this.evict(now);
  }

  /** The spans of one trace, in start order; empty when unknown or expired. */
  trace(traceId: string): StoredSpan[] {
    this.evict(this.now());
    return [...(this.traces.get(traceId)?.spans ?? [])].sort((a, b) => a.start - b.start);
  }

  /** The trace a checkout's spans named (their `checkout.id` attribute), if still kept. */
  traceIdOf(checkoutId: string): string | undefined {
    const traceId = this.traceOfCheckout.get(checkoutId);
    return traceId && this.traces.has(traceId) ? traceId : undefined;
  }

  get size(): number {
    return this.traces.size;
  }

  private evict(now: number): void {
    for (const [traceId, trace] of this.traces) {
      const tooMany = this.traces.size > this.retention.maxTraces;
      if (!tooMany && now - trace.updatedAt <= this.retention.maxAgeMs) break;
      this.drop(traceId, trace);
    }
  }

  private drop(traceId: string, trace: Trace): void {
    this.traces.delete(traceId);
    for (const span of trace.spans) {
      const checkoutId = span.attributes['checkout.id'];
      if (typeof checkoutId === 'string' && this.traceOfCheckout.get(checkoutId) === traceId) this.traceOfCheckout.delete(checkoutId);
    }
  }
}
