import { StockReservationRequested } from '@checkout/contracts';
import { DatabaseService } from '@checkout/platform';
import { createVhost, deleteVhost, dropTestDatabase, eventually, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { randomUUID } from 'node:crypto';
import { Outbox } from '../outbox/outbox';
import { MessageObserver } from '../testing/message-observer';
import { startOutboxApp, TEST_SCHEMA } from '../testing/outbox-test-app';
import { OutboxRelay } from './outbox-relay';

const database = uniqueName('outbox_trace');
const exchange = uniqueName('test.outbox-trace');
// Its own virtual host: deleting it removes the exchange and the observer's queue, however the run ends.
const vhost = uniqueName('test_outbox_trace');
// The span of the transaction that wrote the row, as Outbox.enqueue stores it.
const WRITER = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };

describe('the outbox relay under tracing', () => {
  const exporter = new InMemorySpanExporter();
  let app: INestApplication;
  let observer: MessageObserver;

  beforeAll(async () => {
    trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    const amqpUrl = await createVhost(vhost);
    observer = await MessageObserver.watch(amqpUrl, exchange);
    app = await startOutboxApp({ database, exchange, amqpUrl, outbox: { relay: false } });
  });

  afterAll(async () => {
    try {
      await app?.close();
      await observer?.close();
    } finally {
      await dropTestDatabase(database);
      await deleteVhost(vhost);
    }
    trace.disable();
    propagation.disable();
  });

  async function enqueue(traceparent: string | null): Promise<string> {
    const checkoutId = randomUUID();
    const { dataSource } = app.get(DatabaseService);
    const envelope = await dataSource.transaction((tx) =>
      app.get(Outbox).enqueue(tx, StockReservationRequested, { checkoutId, items: [{ sku: 'DEMO-WIDGET', qty: 1 }] }, { correlationId: checkoutId }),
    );
    await dataSource.query(`UPDATE ${TEST_SCHEMA}.outbox SET traceparent = $1 WHERE message_id = $2`, [traceparent, envelope.messageId]);
    return envelope.messageId;
  }

  it("publishes a row in the trace of the transaction that wrote it, after a span for its wait in the outbox", async () => {
    const messageId = await enqueue(`00-${WRITER.traceId}-${WRITER.spanId}-01`);
    await app.get(OutboxRelay).relayBatch();
    const received = await eventually(() => observer.received.find((m) => m.messageId === messageId), 5000, 'publish');

    const spans = exporter.getFinishedSpans();
    const publish = spans.find((span) => span.name === 'publish StockReservationRequested')!;
    const wait = spans.find((span) => span.name === 'outbox wait StockReservationRequested')!;
    expect(publish.spanContext().traceId).toBe(WRITER.traceId);
    expect(publish.parentSpanContext?.spanId).toBe(WRITER.spanId);
    expect(wait.parentSpanContext?.spanId).toBe(WRITER.spanId);
    expect(wait.attributes['checkout.wait']).toBe('outbox');
    // The consumer's parent is the publish span: that is what the message carries.
    expect(received.traceparent).toBe(`00-${WRITER.traceId}-${publish.spanContext().spanId}-01`);
  });

  it('publishes a row written outside any trace with the envelope\'s own traceparent, and no spans', async () => {
    exporter.reset();
    const messageId = await enqueue(null);
    await app.get(OutboxRelay).relayBatch();
    const received = await eventually(() => observer.received.find((m) => m.messageId === messageId), 5000, 'publish');
    expect(received.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(String(received.traceparent)).not.toContain(WRITER.traceId);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
