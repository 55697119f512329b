import { z } from 'zod';
import { type AttributeValue, nanosToMillis, type StoredSpan } from './stored-span';

const anyValue = z.object({
  stringValue: z.string().optional(),
  boolValue: z.boolean().optional(),
  intValue: z.union([z.string(), z.number()]).optional(),
  doubleValue: z.number().optional(),
});
const keyValues = z.array(z.object({ key: z.string(), value: anyValue.optional() })).default([]);
const nanos = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]);
const hexId = (length: number) => z.string().regex(new RegExp(`^([0-9a-fA-F]{${length}})?$`));

/** OTLP/JSON (`exporter-trace-otlp-http`): ids are hex strings, times nanosecond strings. */
const exportRequest = z.object({
  resourceSpans: z.array(z.object({
    resource: z.object({ attributes: keyValues }).optional(),
    scopeSpans: z.array(z.object({
      spans: z.array(z.object({
        traceId: hexId(32),
        spanId: hexId(16),
        parentSpanId: hexId(16).optional(),
        name: z.string(),
        startTimeUnixNano: nanos,
        endTimeUnixNano: nanos,
        attributes: keyValues,
      })).default([]),
    })).default([]),
  })).default([]),
});

/** Decodes an OTLP/HTTP JSON `ExportTraceServiceRequest`; throws a ZodError on a malformed one. */
export function decodeJsonTraces(body: unknown): StoredSpan[] {
  return exportRequest.parse(body).resourceSpans.flatMap((resource) => {
    const service = scalars(resource.resource?.attributes ?? [])['service.name'];
    return resource.scopeSpans.flatMap((scope) =>
      scope.spans.map((span) => ({
        traceId: span.traceId.toLowerCase(),
        spanId: span.spanId.toLowerCase(),
        parentSpanId: span.parentSpanId ? span.parentSpanId.toLowerCase() : null,
        name: span.name,
        service: typeof service === 'string' ? service : 'unknown',
        start: nanosToMillis(BigInt(span.startTimeUnixNano)),
        end: nanosToMillis(BigInt(span.endTimeUnixNano)),
        attributes: scalars(span.attributes),
      })),
    );
  });
}

function scalars(pairs: z.output<typeof keyValues>): Record<string, AttributeValue> {
  const result: Record<string, AttributeValue> = {};
  for (const { key, value } of pairs) {
    const scalar = value?.stringValue ?? value?.boolValue ?? value?.doubleValue ?? (value?.intValue !== undefined ? Number(value.intValue) : undefined);
    if (scalar !== undefined) result[key] = scalar;
  }
  return result;
}
