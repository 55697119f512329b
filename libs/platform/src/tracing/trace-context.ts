import { type Context, context, createContextKey, propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';

const CHECKOUT_ID = createContextKey('checkout.id');

/** The W3C traceparent of the active span, or undefined when nothing is being traced. */
export function activeTraceparent(from: Context = context.active()): string | undefined {
  const carrier: { traceparent?: string } = {};
  propagation.inject(from, carrier);
  return carrier.traceparent;
}

/**
 * A context whose parent is the span a stored traceparent names, e.g. the transaction that
 * wrote an outbox row or armed a timer: work done later in it continues that trace.
 */
export function contextOfTraceparent(traceparent: string | null | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}

/**
 * Whether `from` continues a trace whose start decided not to sample it: a parent is there,
 * valid, without the sampled flag. Then nothing below it is recorded (the decision is the
 * trace's, taken once where the checkout started, docs/decisions/0035), and a span started
 * for it would be built, sampled and dropped for nothing: the hot paths skip it.
 */
export function inUnsampledTrace(from: Context): boolean {
  const parent = trace.getSpanContext(from);
  return parent !== undefined && trace.isSpanContextValid(parent) && (parent.traceFlags & TraceFlags.SAMPLED) === 0;
}

/** Runs `work` with the checkout id in context, so every log line and span inside can name it. */
export function withCheckoutId<T>(checkoutId: string, work: () => T, base: Context = context.active()): T {
  trace.getSpan(base)?.setAttribute('checkout.id', checkoutId);
  return context.with(base.setValue(CHECKOUT_ID, checkoutId), work);
}

/** The checkout the current work belongs to, if the code that started it said so. */
export function currentCheckoutId(): string | undefined {
  const value = context.active().getValue(CHECKOUT_ID);
  return typeof value === 'string' ? value : undefined;
}

/**
 * trace_id and span_id of the active span, for log lines: only of a sampled one, so that a
 * log line's trace exists (not, say, Nest's unrecorded app-creation span, which connections
 * opened during start-up carry for the life of the process).
 */
export function activeSpanIds(): { traceId: string; spanId: string } | undefined {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) && (spanContext.traceFlags & TraceFlags.SAMPLED) !== 0
    ? { traceId: spanContext.traceId, spanId: spanContext.spanId }
    : undefined;
}
