import type { TraceSpanView } from '@checkout/contracts/views';

/**
 * One span as the receiver keeps it: ids as lower-case hex, times as epoch milliseconds,
 * `service` the exporting process's `service.name`. The same shape the trace route serves
 * (there with the attributes visitors may see only), so it is the view's type.
 */
export type StoredSpan = TraceSpanView;

export type AttributeValue = TraceSpanView['attributes'][string];

/** OTLP carries nanoseconds; milliseconds with a fraction keep microsecond precision. */
export function nanosToMillis(nanos: bigint): number {
  return Number(nanos / 1000n) / 1000;
}
