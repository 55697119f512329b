import { CountingTracerProvider } from '@checkout/platform/testing';
import type { Options } from 'amqplib';
import { publishInRowTrace, type TracedRow } from './relay-tracing';

const WRITER = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };

function row(flags: '00' | '01'): TracedRow {
  return {
    traceparent: `00-${WRITER.traceId}-${WRITER.spanId}-${flags}`,
    created_at: new Date(Date.now() - 3),
    type: 'StockReserved',
    message_id: 'm1',
    correlation_id: 'a8f3c0b2-52f4-4a4c-9c76-0f2b9d4f1e10',
    routing_key: 'catalog.stock-reserved',
  };
}

describe('publishing an outbox row in its trace', () => {
  const provider = new CountingTracerProvider();
  const properties: Options.Publish = { messageId: 'm1', headers: { traceparent: 'the envelope’s own' } };
  beforeAll(() => provider.install());
  afterAll(() => provider.uninstall());
  beforeEach(() => provider.reset());

  it('starts no span for a row whose trace was not sampled, and sends its traceparent on as it is', async () => {
    let sent: Options.Publish | undefined;
    await publishInRowTrace(row('00'), properties, async (published) => {
      sent = published;
    });
    expect(sent?.headers?.traceparent).toBe(`00-${WRITER.traceId}-${WRITER.spanId}-00`);
    expect(provider.started).toBe(0);
  });

  it('records the outbox wait and the publish of a row whose trace was sampled, the message carrying the publish span', async () => {
    let sent: Options.Publish | undefined;
    await publishInRowTrace(row('01'), properties, async (published) => {
      sent = published;
    });
    expect(provider.started).toBe(2);
    const publish = provider.exporter.getFinishedSpans().find((span) => span.name === 'publish StockReserved');
    expect(sent?.headers?.traceparent).toBe(`00-${WRITER.traceId}-${publish?.spanContext().spanId}-01`);
  });
});
