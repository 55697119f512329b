import { StockReservationRequested } from '@checkout/contracts';
import { createVhost, deleteVhost, eventually, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import request from 'supertest';
import { ConsumerRegistry } from '../consuming/consumer-registry';
import { eachMessage } from '../consuming/received-message';
import { DeadLetterService } from '../dead-letters/dead-letter.service';
import { ConfirmPublisher } from '../publishing/confirm-publisher';
import { propertiesOf } from '../publishing/publish-properties';
import { reservationRequest, startMessagingApp } from '../testing/messaging-test-app';
import { PUBLISHED_AT_HEADER } from './consume-tracing';

describe('the trace of a consumed message', () => {
  const exporter = new InMemorySpanExporter();
  // Its own virtual host: deleting it removes every queue and exchange, even after a failure.
  const vhost = uniqueName('test_traced');
  let app: INestApplication;
  let queue: string;
  let failing = true;
  const handled: string[] = [];

  beforeAll(async () => {
    trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    app = await startMessagingApp(await createVhost(vhost), { retryDelaysMs: [50] });
    queue = uniqueName('test-traced');
    await app.get(ConsumerRegistry).consume(queue, {
      messages: [StockReservationRequested],
      handle: eachMessage(async (envelope) => {
        if (failing) throw new Error('handler down');
        handled.push(envelope.messageId);
      }),
    });
  });

  afterAll(async () => {
    try {
      await app?.close();
    } finally {
      await deleteVhost(vhost);
    }
    trace.disable();
    propagation.disable();
  });

  // The relay's publish span, as the relay would stamp it on the message.
  const PUBLISH_SPAN = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };

  it('handles it as a child of the publish span, across retries, the dead-letter queue and a replay', async () => {
    const envelope = reservationRequest();
    const properties = propertiesOf(envelope);
    properties.headers = {
      ...properties.headers,
      traceparent: `00-${PUBLISH_SPAN.traceId}-${PUBLISH_SPAN.spanId}-01`,
      [PUBLISHED_AT_HEADER]: Date.now() - 40,
    };
    await app.get(ConfirmPublisher).publishSerialized(StockReservationRequested.routingKey, Buffer.from(JSON.stringify(envelope)), properties);
    await eventually(async () => (await app.get(DeadLetterService).list()).length === 1, 5000, 'dead letter');

    failing = false;
    await request(app.getHttpServer()).post('/ops/dead-letters/replay').send({ messageId: envelope.messageId }).expect(200);
    await eventually(() => handled.length === 1, 5000, 'replayed delivery');

    const handleSpans = () => exporter.getFinishedSpans().filter((span) => span.name === 'handle StockReservationRequested');
    await eventually(() => handleSpans().length === 3, 2000, 'three handle spans');
    for (const span of handleSpans()) {
      expect(span.spanContext().traceId).toBe(PUBLISH_SPAN.traceId);
      expect(span.parentSpanContext?.spanId).toBe(PUBLISH_SPAN.spanId);
      expect(span.attributes['checkout.id']).toBe(envelope.correlationId);
    }
    const queueWait = exporter.getFinishedSpans().find((span) => span.name === 'queue wait StockReservationRequested');
    expect(queueWait?.attributes['checkout.wait']).toBe('queue');
    expect(queueWait?.spanContext().traceId).toBe(PUBLISH_SPAN.traceId);
  });
});
