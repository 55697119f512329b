/** One span as the receiver keeps it: ids as lower-case hex, times as epoch milliseconds. */
export interface StoredSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | null;
  readonly name: string;
  /** The exporting process's `service.name`. */
  readonly service: string;
  readonly start: number;
  readonly end: number;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

export type AttributeValue = string | number | boolean;

/** OTLP carries nanoseconds; milliseconds with a fraction keep microsecond precision. */
export function nanosToMillis(nanos: bigint): number {
  return Number(nanos / 1000n) / 1000;
}
