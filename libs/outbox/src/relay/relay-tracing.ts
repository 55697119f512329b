import { activeTraceparent, contextOfTraceparent, inUnsampledTrace, recordWait, withCheckoutId } from '@checkout/platform';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Options } from 'amqplib';
import { PUBLISHED_AT_HEADER } from '@checkout/messaging';

const tracer = trace.getTracer('@checkout/outbox');

export interface TracedRow {
  traceparent: string | null;
  created_at: Date;
  type: string;
  message_id: string;
  correlation_id: string;
  routing_key: string;
}

/**
 * Publishes one outbox row inside the trace of the transaction that wrote it, not the relay's:
 * a span for the time the row waited in the table, then a producer span whose traceparent
 * replaces the message's header, so the consumer's span becomes its child. A row of a trace
 * that was not sampled gets neither: it is published with its own traceparent, unsampled.
 *
 * The context is passed explicitly rather than taken from the caller: the channel may publish
 * later from its own queue (backpressure, reconnect), where no ambient context survives.
 */
export async function publishInRowTrace(
  row: TracedRow,
  properties: Options.Publish,
  publish: (properties: Options.Publish) => Promise<void>,
): Promise<void> {
  if (!row.traceparent) return publish(properties);
  const parent = contextOfTraceparent(row.traceparent);
  // Not sampled where its checkout started: no span, and the message carries the row's traceparent on.
  if (inUnsampledTrace(parent)) {
    const headers = { ...properties.headers, traceparent: row.traceparent };
    return withCheckoutId(row.correlation_id, () => publish({ ...properties, headers }), parent);
  }
  const attributes = { 'messaging.message.id': row.message_id, 'checkout.id': row.correlation_id, 'message.type': row.type };
  recordWait('outbox', `outbox wait ${row.type}`, parent, row.created_at.getTime(), Date.now(), attributes);
  const span = tracer.startSpan(`publish ${row.type}`, {
    kind: SpanKind.PRODUCER,
    attributes: { ...attributes, 'messaging.system': 'rabbitmq', 'messaging.rabbitmq.destination.routing_key': row.routing_key },
  }, parent);
  const inSpan = trace.setSpan(parent, span);
  const traceparent = activeTraceparent(inSpan) ?? properties.headers?.traceparent;
  const headers = { ...properties.headers, traceparent, [PUBLISHED_AT_HEADER]: Date.now() };
  try {
    await withCheckoutId(row.correlation_id, () => publish({ ...properties, headers }), inSpan);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}

