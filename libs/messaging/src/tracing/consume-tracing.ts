import { contextOfTraceparent, inUnsampledTrace, recordWait, withCheckoutId } from '@checkout/platform';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReceivedMessage } from '../consuming/received-message';

/** Epoch ms at which the relay published the message: where its queue-wait span starts. */
export const PUBLISHED_AT_HEADER = 'x-published-at';

const tracer = trace.getTracer('@checkout/messaging');

/**
 * Runs a message's handler in a consumer span that is the child of the publisher's span (the
 * `traceparent` header; the envelope's, for a message published by hand), after a span for
 * the time it sat in the queue. Retries and dead-letter copies keep their headers, so a
 * message handled on its third attempt, or replayed from the dead-letter queue, stays in the
 * checkout's trace. A message of a trace that was not sampled gets no span at all.
 */
export async function handleInMessageTrace<T>({ queue, envelope, headers }: ReceivedMessage, handle: () => Promise<T>): Promise<T> {
  const header = headers.traceparent;
  const parent = contextOfTraceparent(typeof header === 'string' ? header : envelope.traceparent);
  // Not sampled where its checkout started: handled in that (unsampled) context, with no span.
  if (inUnsampledTrace(parent)) return withCheckoutId(envelope.correlationId, handle, parent);
  const attributes = {
    'messaging.system': 'rabbitmq',
    'messaging.destination.name': queue,
    'messaging.message.id': envelope.messageId,
    'checkout.id': envelope.correlationId,
    'message.type': envelope.type,
  };
  const publishedAt = Number(headers[PUBLISHED_AT_HEADER]);
  if (Number.isFinite(publishedAt) && publishedAt > 0) {
    recordWait('queue', `queue wait ${envelope.type}`, parent, publishedAt, Date.now(), attributes);
  }
  const span = tracer.startSpan(`handle ${envelope.type}`, { kind: SpanKind.CONSUMER, attributes }, parent);
  try {
    return await withCheckoutId(envelope.correlationId, handle, trace.setSpan(parent, span));
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}
