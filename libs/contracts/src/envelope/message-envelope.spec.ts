import { randomUUID } from 'node:crypto';
import { checkAgainst } from '../validation/check-against';
import { messageEnvelopeSchema } from './message-envelope';
import { TRACEPARENT_EXPECTATION } from './traceparent';

const valid = {
  messageId: randomUUID(),
  type: 'StockReleased',
  correlationId: randomUUID(),
  causationId: randomUUID(),
  occurredAt: '2025-03-01T10:00:00.000Z',
  schemaVersion: 1,
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  producer: 'catalog-svc',
  payload: { anything: true },
};

function reasonsFor(envelope: unknown): readonly string[] {
  const result = checkAgainst(messageEnvelopeSchema, envelope);
  return result.ok ? [] : result.reasons;
}

describe('the envelope schema', () => {
  it('accepts a complete envelope and leaves the payload to its contract', () => {
    expect(reasonsFor(valid)).toEqual([]);
  });

  it('rejects a message id that is not a UUID', () => {
    expect(reasonsFor({ ...valid, messageId: '1234' })).toEqual(['messageId: expected a UUID']);
  });

  it('rejects a traceparent with an all-zero trace id', () => {
    const traceparent = `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`;
    expect(reasonsFor({ ...valid, traceparent })).toEqual([
      `traceparent: ${TRACEPARENT_EXPECTATION}`,
    ]);
    expect(TRACEPARENT_EXPECTATION).toMatch(/non-zero ids$/);
  });

  it('reports each missing field as required', () => {
    const missing = new Set(['correlationId', 'payload']);
    const present = Object.entries(valid).filter(([key]) => !missing.has(key));
    const incomplete = Object.fromEntries(present);
    expect(reasonsFor(incomplete)).toEqual(['correlationId: is required', 'payload: is required']);
  });

  it('rejects a timestamp that is not in UTC', () => {
    expect(reasonsFor({ ...valid, occurredAt: '2025-03-01T11:00:00+01:00' })).toEqual([
      expect.stringMatching(/^occurredAt: expected an ISO-8601 UTC date-time/),
    ]);
  });

  it('rejects an unknown producer and an unknown envelope field', () => {
    expect(reasonsFor({ ...valid, producer: 'billing-svc', replyTo: 'x' })).toEqual([
      expect.stringMatching(/^producer: expected one of "browser", "bff-web"/),
      'replyTo: unknown field',
    ]);
  });

  it('accepts null as the cause of the first message', () => {
    expect(reasonsFor({ ...valid, causationId: null })).toEqual([]);
  });
});
