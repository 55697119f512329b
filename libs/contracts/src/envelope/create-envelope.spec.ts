import { randomUUID } from 'node:crypto';
import { StockReservationRequested } from '../checkout/stock-reservation-requested.command';
import { reasonsOf } from '../testing/reasons-of';
import { createEnvelope, type EnvelopeContext } from './create-envelope';
import { traceIdOf } from './traceparent';

const checkoutId = randomUUID();
const payload = { checkoutId, items: [{ sku: 'WIDGET-1', qty: 1 }] };
const create = (body: StockReservationRequested, context: EnvelopeContext) =>
  createEnvelope(StockReservationRequested, body, context);
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('creating the first envelope of a checkout', () => {
  const envelope = create(payload, { correlationId: checkoutId });

  it('takes its type, version and producer from the definition', () => {
    expect(envelope).toMatchObject({
      type: 'StockReservationRequested',
      schemaVersion: 1,
      producer: 'checkout-orchestrator',
      correlationId: checkoutId,
      causationId: null,
      payload,
    });
  });

  it('gets a fresh UUID message id and a UTC timestamp', () => {
    expect(envelope.messageId).toMatch(UUID_V4);
    expect(envelope.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const second = create(payload, { correlationId: checkoutId });
    expect(second.messageId).not.toBe(envelope.messageId);
  });

  it('starts a new trace', () => {
    const second = create(payload, { correlationId: checkoutId });
    expect(traceIdOf(second.traceparent)).not.toBe(traceIdOf(envelope.traceparent));
  });
});

describe('creating an envelope caused by another message', () => {
  const causationId = randomUUID();
  const messageId = randomUUID();
  const occurredAt = new Date('2025-03-01T10:00:00.000Z');
  const envelope = create(payload, {
    correlationId: checkoutId,
    causationId,
    traceparent: PARENT,
    messageId,
    occurredAt,
  });

  it('records its cause and keeps the given id and time', () => {
    expect(envelope).toMatchObject({ causationId, messageId });
    expect(envelope.occurredAt).toBe('2025-03-01T10:00:00.000Z');
  });

  it('continues the trace of its cause in a new span', () => {
    expect(traceIdOf(envelope.traceparent)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(envelope.traceparent).not.toBe(PARENT);
  });
});

describe('creating an envelope that breaks the contract', () => {
  it('refuses a payload that fails its definition', () => {
    const bad = { checkoutId, items: [{ sku: 'WIDGET-1', qty: 1.5 }] };
    expect(reasonsOf(() => create(bad, { correlationId: checkoutId }))).toEqual([
      'items.0.qty: expected a positive integer',
    ]);
  });

  it('refuses a correlation id that is not the payload checkout id', () => {
    expect(reasonsOf(() => create(payload, { correlationId: randomUUID() }))).toEqual([
      'correlationId: expected the same id as payload.checkoutId',
    ]);
  });

  it('reports a malformed causation id and parent traceparent together', () => {
    const reasons = reasonsOf(() =>
      create(payload, {
        correlationId: checkoutId,
        causationId: 'not-a-uuid',
        traceparent: '00-xyz-01',
      }),
    );
    expect(reasons).toEqual([
      'causationId: expected a UUID',
      expect.stringMatching(/^traceparent: expected a W3C traceparent/),
    ]);
  });

  it('refuses an invalid date', () => {
    const invalidDate = new Date('nope');
    expect(reasonsOf(() => create(payload, { correlationId: checkoutId, occurredAt: invalidDate })))
      .toEqual(['occurredAt: expected a valid date']);
  });
});
