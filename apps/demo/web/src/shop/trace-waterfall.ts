import type { TraceSpanView } from '../api/edge-api.types';

/** A span placed on the waterfall: offsets and widths in percent of the whole trace. */
export interface WaterfallBar {
  readonly span: TraceSpanView;
  readonly leftPct: number;
  readonly widthPct: number;
  readonly durationMs: number;
  /** 'outbox' or 'queue' for time a message sat waiting; null for work. */
  readonly wait: 'outbox' | 'queue' | null;
  /** The message type the span is about, if any: rows of the choreography link to it. */
  readonly messageType: string | null;
}

export interface WaterfallLane {
  readonly service: string;
  readonly bars: readonly WaterfallBar[];
}

export interface Waterfall {
  readonly totalMs: number;
  readonly lanes: readonly WaterfallLane[];
}

/** Lanes in the order a checkout meets the services. */
const SERVICE_ORDER = ['bff-web', 'checkout-orchestrator', 'catalog-svc', 'payments-svc', 'psp-sandbox'];

/**
 * Lays a trace out as a waterfall: one lane per service, each span a bar positioned by its
 * start and length relative to the whole trace. Pure, so it is tested without a DOM.
 */
export function layoutWaterfall(spans: readonly TraceSpanView[]): Waterfall {
  if (spans.length === 0) return { totalMs: 0, lanes: [] };
  const first = Math.min(...spans.map((span) => span.start));
  const last = Math.max(...spans.map((span) => span.end));
  const totalMs = Math.max(last - first, 0.001);
  const byService = new Map<string, WaterfallBar[]>();
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const bars = byService.get(span.service) ?? [];
    const wait = span.attributes['checkout.wait'];
    const type = span.attributes['message.type'];
    bars.push({
      span,
      leftPct: ((span.start - first) / totalMs) * 100,
      widthPct: Math.max(((span.end - span.start) / totalMs) * 100, 0.2),
      durationMs: span.end - span.start,
      wait: wait === 'outbox' || wait === 'queue' ? wait : null,
      messageType: typeof type === 'string' ? type : null,
    });
    byService.set(span.service, bars);
  }
  const rank = (service: string) => (SERVICE_ORDER.includes(service) ? SERVICE_ORDER.indexOf(service) : SERVICE_ORDER.length);
  const lanes = [...byService.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([service, bars]) => ({ service, bars }));
  return { totalMs, lanes };
}

/** "0.4 ms", "12 ms", "1.25 s". */
export function formatDuration(ms: number): string {
  if (ms < 1) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
