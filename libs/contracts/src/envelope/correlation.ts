/**
 * Checkout payloads carry their checkout id first, and the envelope's correlationId is that
 * same id. A mismatch would file the message under another customer's saga, so it is refused.
 */
export function correlationMismatch(correlationId: string, payload: unknown): string[] {
  if (typeof payload !== 'object' || payload === null || !('checkoutId' in payload)) return [];
  return payload.checkoutId === correlationId
    ? []
    : ['correlationId: expected the same id as payload.checkoutId'];
}
