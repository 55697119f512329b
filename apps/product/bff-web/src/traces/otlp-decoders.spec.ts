import { ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { decodeJsonTraces } from './otlp-json.decoder';
import { decodeProtobufTraces } from './otlp-protobuf.decoder';
import { MalformedProtobufError } from './protobuf-reader';

/** Real spans from the SDK, so the decoders are checked against what the exporters really send. */
function recordSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'catalog-svc' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer('test');
  const parent = tracer.startSpan('handle StockReservationRequested', { kind: SpanKind.CONSUMER, startTime: 1_700_000_000_123.456 });
  parent.setAttributes({ 'checkout.id': 'c-1', attempts: 3, ratio: 0.5, replayed: true });
  parent.end(1_700_000_000_200);
  return exporter.getFinishedSpans();
}

describe.each([
  ['protobuf', (spans: ReadableSpan[]) => decodeProtobufTraces(ProtobufTraceSerializer.serializeRequest(spans)!)],
  ['JSON', (spans: ReadableSpan[]) => decodeJsonTraces(JSON.parse(Buffer.from(JsonTraceSerializer.serializeRequest(spans)!).toString('utf8')))],
])('an OTLP/HTTP %s export', (_format, decode) => {
  it('decodes ids, names, the service, times to the microsecond and scalar attributes', () => {
    const recorded = recordSpans();
    const [consumer] = decode(recorded);
    expect(consumer).toEqual({
      traceId: recorded[0].spanContext().traceId,
      spanId: recorded[0].spanContext().spanId,
      parentSpanId: null,
      name: 'handle StockReservationRequested',
      service: 'catalog-svc',
      start: 1_700_000_000_123.456,
      end: 1_700_000_000_200,
      attributes: { 'checkout.id': 'c-1', attempts: 3, ratio: 0.5, replayed: true },
    });
  });
});

describe('an OTLP/HTTP protobuf export with a parent', () => {
  it('keeps the parent span id', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
    const tracer = provider.getTracer('test');
    const parentSpan = tracer.startSpan('parent');
    tracer.startSpan('child', {}, trace.setSpan(ROOT_CONTEXT, parentSpan)).end();
    parentSpan.end();
    const spans = decodeProtobufTraces(ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans())!);
    const parent = spans.find((span) => span.name === 'parent')!;
    expect(spans.find((span) => span.name === 'child')?.parentSpanId).toBe(parent.spanId);
  });
});

describe('a body that is not an OTLP export', () => {
  it('is refused by the protobuf decoder with a typed error', () => {
    expect(() => decodeProtobufTraces(Uint8Array.from([0x0a, 0x05, 0x01]))).toThrow(MalformedProtobufError);
  });

  it('is refused by the JSON decoder', () => {
    expect(() => decodeJsonTraces({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'zz' }] }] }] })).toThrow();
  });
});
