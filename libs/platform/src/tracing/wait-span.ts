import { type Attributes, type Context, SpanKind, trace } from '@opentelemetry/api';

/** Where a message sat idle: the UI marks these spans as waits rather than work. */
export type WaitKind = 'outbox' | 'queue';

/** The attribute naming a wait span's kind; the trace view and the receiver key on it. */
export const WAIT_ATTRIBUTE = 'checkout.wait';

const tracer = trace.getTracer('@checkout/platform');

/**
 * Records, after the fact, a span for time a message spent waiting (in the outbox table
 * between commit and publish, in a queue between publish and delivery). Nothing ran then, so
 * no span could have been open; the times come from the row and the message instead.
 * Building and ending one span is the whole cost: export is batched off the hot path.
 */
export function recordWait(
  kind: WaitKind,
  name: string,
  parent: Context,
  startedAt: number,
  endedAt: number,
  attributes: Attributes = {},
): void {
  // Clocks of different hosts disagree a little; a wait is never negative.
  const start = Math.min(startedAt, endedAt);
  const span = tracer.startSpan(name, { kind: SpanKind.INTERNAL, startTime: start, attributes: { ...attributes, [WAIT_ATTRIBUTE]: kind } }, parent);
  span.end(endedAt);
}
