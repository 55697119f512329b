import { type CheckoutMessage, type CheckoutTransitioned, findMessageDefinition, type MessageEnvelope, type Participant, type ProviderCallRecorded } from '@checkout/contracts';

/** One line of the "Behind the scenes" table: a message that really crossed the cluster. */
export interface MessageRow {
  id: string;
  name: string;
  from: Participant;
  to: Participant[];
  channel: 'http' | 'outbox';
  transition: { from: string | null; to: string } | null;
  at: string;
  compensation: boolean;
  sourcePath: string | null;
  detail: string | null;
}

/** The file that handles each message, for the row's "View source" link. */
export const HANDLED_IN: Record<string, string> = {
  StockReservationRequested: 'apps/product/catalog-svc/src/reservations/reserve-stock.handler.ts',
  StockReleaseRequested: 'apps/product/catalog-svc/src/reservations/release-stock.handler.ts',
  StockCommitRequested: 'apps/product/catalog-svc/src/reservations/commit-stock.handler.ts',
  PaymentSessionRequested: 'apps/product/payments-svc/src/payment-sessions/create-payment-session.handler.ts',
  PaymentSessionExpiryRequested: 'apps/product/payments-svc/src/payment-sessions/expire-payment-session.handler.ts',
  RefundRequested: 'apps/product/payments-svc/src/refunds/refund-payment.handler.ts',
  CheckoutCompleted: 'apps/product/bff-web/src/bridge/checkout-event.bridge.ts',
  CheckoutCancelled: 'apps/product/bff-web/src/bridge/checkout-event.bridge.ts',
  CheckoutFailed: 'apps/product/bff-web/src/bridge/checkout-event.bridge.ts',
};
const SAGA_HANDLER = 'apps/product/checkout-orchestrator/src/checkout-saga/apply-checkout-events.handler.ts';

/** Messages that undo an earlier step: drawn red. */
const COMPENSATIONS = new Set(['StockReleaseRequested', 'StockReleased', 'RefundRequested', 'PaymentRefunded', 'RefundFailed']);

/**
 * The rows a message the edge reads stands for. A saga step of a watched checkout draws the
 * message that caused it, annotated with the transition, and each message it sent; a provider
 * call draws itself. The edge's queue is bound to nothing else.
 */
export function rowsFromMessage(message: CheckoutMessage): MessageRow[] {
  switch (message.type) {
    case 'CheckoutTransitioned':
      return stepRows(message.payload);
    case 'ProviderCallRecorded':
      return [providerRow(message)];
    default:
      return [];
  }
}

function stepRows(step: CheckoutTransitioned): MessageRow[] {
  const sent = step.sent.map(rowFromEnvelope);
  if (!step.causedBy) return sent; // a timer, an operator, the start: no message of theirs to draw
  return [{ ...rowFromEnvelope(step.causedBy), transition: { from: step.from, to: step.to } }, ...sent];
}

/**
 * A message that crossed the broker, as a row. An outcome no service consumes (CheckoutCompleted)
 * is drawn reaching the edge, which learns it from the step that sent it.
 */
function rowFromEnvelope(envelope: MessageEnvelope): MessageRow {
  const definition = findMessageDefinition(envelope.type);
  const consumers = definition?.consumers.length ? [...definition.consumers] : (['bff-web'] as Participant[]);
  return {
    id: envelope.messageId,
    name: envelope.type,
    from: envelope.producer,
    to: consumers,
    channel: 'outbox',
    transition: null,
    at: envelope.occurredAt,
    compensation: COMPENSATIONS.has(envelope.type),
    sourcePath: HANDLED_IN[envelope.type] ?? (consumers.includes('checkout-orchestrator') ? SAGA_HANDLER : null),
    detail: detailOf(envelope.payload),
  };
}

/** An HTTP exchange between payments and the provider, as payments recorded it. */
function providerRow(envelope: MessageEnvelope<ProviderCallRecorded>): MessageRow {
  const call = envelope.payload;
  const inbound = call.direction === 'from-provider';
  return {
    id: envelope.messageId,
    name: call.operation,
    from: inbound ? 'psp-sandbox' : 'payments-svc',
    to: [inbound ? 'payments-svc' : 'psp-sandbox'],
    channel: 'http',
    transition: null,
    at: envelope.occurredAt,
    compensation: call.operation.includes('refund'),
    sourcePath: inbound ? 'apps/product/payments-svc/src/webhooks/psp-webhook.http.controller.ts' : 'apps/product/payments-svc/src/provider/payment-provider.ts',
    detail: call.duplicate ? 'delivered again: recognised and ignored' : call.providerReference,
  };
}

/** A short, safe summary of the payload worth showing (a reason, a decline code, an amount). */
function detailOf(payload: unknown): string | null {
  const p = (payload ?? {}) as Record<string, unknown>;
  if (typeof p.reason === 'string') return p.reason;
  if (typeof p.declineCode === 'string') return p.declineCode;
  if (typeof p.amount === 'number' && typeof p.currency === 'string') return `${(p.amount / 100).toFixed(2)} ${p.currency}`;
  return null;
}

/** The two HTTP calls that start a checkout, recorded by the edge as they happen. */
export function httpStartRows(checkoutId: string, scenario: string, at: Date): MessageRow[] {
  const base = { channel: 'http' as const, compensation: false, detail: null };
  return [
    {
      ...base,
      id: `${checkoutId}:http:start`,
      name: 'POST /api/demo/saga/start',
      from: 'browser',
      to: ['bff-web'],
      transition: null,
      at: at.toISOString(),
      sourcePath: 'apps/product/bff-web/src/demo/demo.http.controller.ts',
      detail: `scenario: ${scenario}`,
    },
    {
      ...base,
      id: `${checkoutId}:http:checkouts`,
      name: 'POST /api/checkouts',
      from: 'bff-web',
      to: ['checkout-orchestrator'],
      transition: { from: null, to: 'Initiated' },
      at: new Date(at.getTime() + 1).toISOString(),
      sourcePath: 'apps/product/checkout-orchestrator/src/checkouts/start-checkout.handler.ts',
    },
  ];
}
