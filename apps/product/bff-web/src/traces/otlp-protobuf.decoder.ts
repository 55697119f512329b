import { ProtobufReader } from './protobuf-reader';
import { type AttributeValue, nanosToMillis, type StoredSpan } from './stored-span';

// Field numbers from opentelemetry/proto/trace/v1/trace.proto and common/v1/common.proto.
const LENGTH_DELIMITED = 2;

/** Decodes an OTLP/HTTP protobuf `ExportTraceServiceRequest` (the JS exporter's default). */
export function decodeProtobufTraces(body: Uint8Array): StoredSpan[] {
  const spans: StoredSpan[] = [];
  new ProtobufReader(body).forEachField((field, wireType, reader) => {
    if (field !== 1 || wireType !== LENGTH_DELIMITED) return false;
    spans.push(...resourceSpans(reader.message()));
    return true;
  });
  return spans;
}

function resourceSpans(reader: ProtobufReader): StoredSpan[] {
  let service = 'unknown';
  const raw: Omit<StoredSpan, 'service'>[] = [];
  reader.forEachField((field, wireType, r) => {
    if (wireType !== LENGTH_DELIMITED) return false;
    if (field === 1) {
      const name = attributes(r.message())['service.name'];
      if (typeof name === 'string') service = name;
      return true;
    }
    if (field === 2) {
      scopeSpans(r.message(), raw);
      return true;
    }
    return false;
  });
  return raw.map((span) => ({ ...span, service }));
}

/** Resource: field 1 is its attributes. */
function attributes(reader: ProtobufReader): Record<string, AttributeValue> {
  const result: Record<string, AttributeValue> = {};
  reader.forEachField((field, wireType, r) => {
    if (field !== 1 || wireType !== LENGTH_DELIMITED) return false;
    const [key, value] = keyValue(r.message());
    if (value !== undefined) result[key] = value;
    return true;
  });
  return result;
}

function scopeSpans(reader: ProtobufReader, into: Omit<StoredSpan, 'service'>[]): void {
  reader.forEachField((field, wireType, r) => {
    if (field !== 2 || wireType !== LENGTH_DELIMITED) return false;
    into.push(span(r.message()));
    return true;
  });
}

function span(reader: ProtobufReader): Omit<StoredSpan, 'service'> {
  let traceId = '';
  let spanId = '';
  let parentSpanId: string | null = null;
  let name = '';
  let start = 0n;
  let end = 0n;
  const attrs: Record<string, AttributeValue> = {};
  reader.forEachField((field, _wireType, r) => {
    switch (field) {
      case 1: traceId = hex(r.bytesField()); return true;
      case 2: spanId = hex(r.bytesField()); return true;
      case 4: parentSpanId = hex(r.bytesField()) || null; return true;
      case 5: name = r.string(); return true;
      case 7: start = r.fixed64(); return true;
      case 8: end = r.fixed64(); return true;
      case 9: {
        const [key, value] = keyValue(r.message());
        if (value !== undefined) attrs[key] = value;
        return true;
      }
      default: return false;
    }
  });
  return { traceId, spanId, parentSpanId, name, start: nanosToMillis(start), end: nanosToMillis(end), attributes: attrs };
}

function keyValue(reader: ProtobufReader): [string, AttributeValue | undefined] {
  let key = '';
  let value: AttributeValue | undefined;
  reader.forEachField((field, _wireType, r) => {
    if (field === 1) key = r.string();
    else if (field === 2) value = anyValue(r.message());
    else return false;
    return true;
  });
  return [key, value];
}

/** AnyValue: scalars are kept; arrays, maps and bytes are not shown anywhere, so they are dropped. */
function anyValue(reader: ProtobufReader): AttributeValue | undefined {
  let value: AttributeValue | undefined;
  reader.forEachField((field, _wireType, r) => {
    if (field === 1) value = r.string();
    else if (field === 2) value = r.varint() !== 0n;
    else if (field === 3) value = Number(BigInt.asIntN(64, r.varint()));
    else if (field === 4) value = r.double();
    else return false;
    return true;
  });
  return value;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
