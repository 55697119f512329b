/** One span of a checkout's trace, as GET /api/demo/saga/:id/trace returns it (times in epoch ms). */
export interface TraceSpanView {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | null;
  readonly name: string;
  readonly service: string;
  readonly start: number;
  readonly end: number;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
}

export interface CheckoutTraceView {
  readonly traceId: string;
  readonly spans: readonly TraceSpanView[];
}
