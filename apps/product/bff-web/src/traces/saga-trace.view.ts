import type { CheckoutTraceView } from '@checkout/contracts/views';
import type { StoredSpan } from './stored-span';

// Visitors see the shape of the work, never its data: no SQL text, URLs with queries, hosts,
// or headers. Only these attributes leave the edge.
const SAFE_ATTRIBUTES = new Set([
  'checkout.id',
  'checkout.wait',
  'message.type',
  'messaging.system',
  'messaging.destination.name',
  'http.route',
  'http.request.method',
  'http.method',
  'http.response.status_code',
  'http.status_code',
  'db.system',
  'db.system.name',
  'db.operation.name',
  'nestjs.type',
  'nestjs.callback',
]);

/** What GET /api/demo/saga/:id/trace answers: the trace's spans with visitor-safe attributes only. */
export function sagaTraceView(traceId: string, spans: readonly StoredSpan[]): CheckoutTraceView {
  return {
    traceId,
    spans: spans.map((span) => ({
      ...span,
      attributes: Object.fromEntries(Object.entries(span.attributes).filter(([key]) => SAFE_ATTRIBUTES.has(key))),
    })),
  };
}
